import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseInstance } from '@/server/archive/dicom/index.js';
import { createDatabase, type Database } from '@/server/db/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { signInOverHttp } from '../support/session';
import { classify } from './dicom/support/classification';
import {
  missingTestData,
  readManifest,
  readTestFile,
  testFilePath,
} from './dicom/support/dicom-test-data';
import { peerArgs, requireDcmtk, runDcmtk } from './dimse/support/dcmtk.js';
import { readPart10 } from './dimse/support/dicom-fixtures.js';
import { startWireTap, type WireTap } from './dimse/support/wire-tap.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Corpus files storescu itself will not send, in its own words. The archive never sees
 * them, whatever it would make of them; over STOW-RS they are judged by the classification
 * table (corpus-roundtrip.test.ts).
 */
const STORESCU_CANNOT_READ = 'Bad DICOM file';
const STORESCU_FINDS_NO_UIDS = 'No SOP Class or Instance UID in file';
const NOT_SENT_BY_STORESCU: Record<string, string> = {
  // Refused over STOW-RS too: not DICOM, or cut short.
  'edge/not_dicom.txt.dcm': STORESCU_CANNOT_READ,
  'edge/truncated_mid_pixeldata.dcm': STORESCU_CANNOT_READ,
  'pydicom/test_files/MR_truncated.dcm': STORESCU_CANNOT_READ,
  'pydicom/test_files/rtplan_truncated.dcm': STORESCU_CANNOT_READ,
  'pydicom/test_files/no_meta.dcm': STORESCU_CANNOT_READ,
  'pydicom/test_files/zipMR.gz': STORESCU_CANNOT_READ,
  // Refused over STOW-RS too: no SOP Instance UID, or a DICOMDIR.
  'pydicom/charset_files/chrSQEncoding.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/charset_files/chrSQEncoding1.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/UN_sequence.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/empty_charset_LEI.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/meta_missing_tsyntax.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/nested_priv_SQ.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/no_meta_group_length.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/priv_SQ.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR-bigEnd': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR-empty.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR-implicit': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR-nooffset': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR-nopatient': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/DICOMDIR-reordered': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/dicomdirtests/TINY_ALPHA/DICOMDIR': STORESCU_FINDS_NO_UIDS,
  // Accepted over STOW-RS, where the archive reads them; storescu cannot.
  // Its meta header says JPEG Baseline while the data set is written in Implicit VR.
  'pydicom/test_files/SC_rgb_jpeg.dcm': STORESCU_CANNOT_READ,
  // Its SOP Class and Instance UIDs are written with VR UN, which storescu does not decode.
  'pydicom/test_files/rtdose_rle.dcm': STORESCU_FINDS_NO_UIDS,
  'pydicom/test_files/rtdose_rle_1frame.dcm': STORESCU_FINDS_NO_UIDS,
};

/**
 * Refused over STOW-RS but stored through storescu, which repairs them on reading: the
 * broken File Meta Information never crosses the wire, only the data set does.
 */
const REPAIRED_BY_STORESCU = ['edge/corrupt_garbage_in_meta.dcm'];

interface StorescuRun {
  exitCode: number | null;
  /** What storescu said of each file it was given, by path. */
  outcomes: Map<string, string>;
  /** Files answered Success, in the order they were sent. */
  sent: string[];
}

/**
 * Runs storescu and keeps only its lines about files and responses: a file with zero
 * padding can make it print millions of warnings, more than a buffer should hold.
 */
function runStorescu(args: string[]): Promise<StorescuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('storescu', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const outcomes = new Map<string, string>();
    const sent: string[] = [];
    let current: string | undefined;
    const read = (line: string) => {
      const sending = /^I: Sending file: (.+)$/.exec(line);
      const response = /^I: Received Store Response \((.+?)\)/.exec(line);
      // `E: Bad DICOM file: /path: why` or `E: No SOP Class or Instance UID in file: /path`
      const error = /^E: (.+?): (\/[^:]+)(?::|$)/.exec(line);
      if (sending) {
        current = sending[1]!;
      } else if (response && current) {
        outcomes.set(current, response[1]!);
        if (response[1] === 'Success') sent.push(current);
        current = undefined;
      } else if (error) {
        outcomes.set(error[2]!, error[1]!);
        if (error[2] === current) current = undefined;
      }
    };
    for (const stream of [child.stdout, child.stderr]) createInterface(stream).on('line', read);
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, outcomes, sent }));
  });
}

/**
 * A storescu profile proposing each (SOP Class, transfer syntax) pair of the corpus as is,
 * so every file travels in its own syntax: 51 pairs, well under the 128 contexts allowed.
 */
function corpusProfile(folder: string, paths: string[]): string {
  const pairs = new Map<string, [string, string]>();
  for (const path of paths) {
    try {
      const parsed = parseInstance(readTestFile(path));
      const pair: [string, string] = [parsed.SOPClassUID, parsed.TransferSyntaxUID];
      pairs.set(pair.join('\\'), pair);
    } catch {
      // Files the archive cannot read bring no pair; storescu judges them on its own.
    }
  }
  expect(pairs.size).toBeLessThanOrEqual(128);
  const syntaxes = [...new Set([...pairs.values()].map(([, syntax]) => syntax))];
  const lines = ['[[TransferSyntaxes]]'];
  syntaxes.forEach((uid, i) => lines.push(`[TS${i}]`, `TransferSyntax1 = ${uid}`));
  lines.push('[[PresentationContexts]]', '[Contexts]');
  [...pairs.values()].forEach(([sopClass, syntax], i) =>
    lines.push(`PresentationContext${i + 1} = ${sopClass}\\TS${syntaxes.indexOf(syntax)}`),
  );
  lines.push('[[Profiles]]', '[Corpus]', 'PresentationContexts = Contexts');
  const file = join(folder, 'corpus.cfg');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * The whole shared corpus through the running server's C-STORE SCP, as a scanner or a PACS
 * migration would send it: one storescu association, every file proposed in its own
 * syntax. Each file's fate is checked, then every stored instance comes back by WADO-RS
 * with the very data set storescu put on the wire.
 */
describe('the whole DICOM corpus through storescu (C-STORE) and back through WADO-RS', () => {
  let database: TestDatabase;
  let db: Database;
  let server: TestServer;
  let tap: WireTap;
  let scratch: string;
  let cookie: string;
  let run: StorescuRun;
  const paths = new Map<string, string>();

  beforeAll(async () => {
    const missing = missingTestData();
    if (missing) throw new Error(missing);
    requireDcmtk();
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
    db = createDatabase(database.url);
    tap = await startWireTap(server.dimsePort);
    cookie = (await signInOverHttp(server.url, 'urgence@chu-martinique.demo', 'archipel-demo'))
      .session!;

    for (const row of readManifest()) paths.set(testFilePath(row.path), row.path);
    scratch = mkdtempSync(join(tmpdir(), 'archipel-corpus-'));
    const profile = corpusProfile(scratch, [...paths.values()]);
    run = await runStorescu([
      '-v',
      '--no-halt',
      ...['-xf', profile, 'Corpus'],
      // The CT scanner of CHU de Martinique, a calling AE title the demo knows.
      ...peerArgs(tap.port, 'CHUM_CT1'),
      ...paths.keys(),
    ]);
  }, 600_000);
  afterAll(async () => {
    await tap?.close();
    await db?.$disconnect();
    await server?.stop();
    await database?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('stores every file storescu sends, in one association', () => {
    expect(run.exitCode).toBe(0);
    const unexpected: string[] = [];
    for (const [absolute, path] of paths) {
      const said = run.outcomes.get(absolute) ?? 'nothing';
      const expected = NOT_SENT_BY_STORESCU[path] ?? 'Success';
      if (said !== expected) unexpected.push(`${path}: ${said}, expected ${expected}`);
    }
    expect(unexpected).toEqual([]);
    expect(run.sent.length).toBeGreaterThan(550);
  });

  it('lets through no file the archive refuses over STOW-RS, but those storescu repairs', () => {
    const refusedButStored = run.sent
      .map((absolute) => paths.get(absolute)!)
      .filter((path) => classify(path)!.expect !== 'accept');
    expect(refusedButStored).toEqual(REPAIRED_BY_STORESCU);
  });

  it('returns, for each SOP Instance UID, the data set last put on the wire for it', async () => {
    const wire = tap.sentDataSets();
    expect(wire).toHaveLength(run.sent.length);
    const lastSent = new Map<string, Buffer>();
    run.sent.forEach((absolute, index) => {
      const path = paths.get(absolute)!;
      if (REPAIRED_BY_STORESCU.includes(path)) return;
      lastSent.set(parseInstance(readTestFile(path)).SOPInstanceUID, wire[index]!);
    });

    const rows = await db.instance.findMany({
      select: {
        sopInstanceUid: true,
        series: {
          select: { seriesInstanceUid: true, study: { select: { studyInstanceUid: true } } },
        },
      },
    });
    // The repaired files add their own instance each.
    expect(rows).toHaveLength(lastSent.size + REPAIRED_BY_STORESCU.length);

    const mismatches: string[] = [];
    for (const [sopInstanceUid, onWire] of lastSent) {
      const row = rows.find((r) => r.sopInstanceUid === sopInstanceUid);
      if (!row) {
        mismatches.push(`${sopInstanceUid}: not stored`);
        continue;
      }
      const response = await fetch(
        `${server.url}/dicomweb/studies/${row.series.study.studyInstanceUid}` +
          `/series/${row.series.seriesInstanceUid}/instances/${sopInstanceUid}`,
        { headers: { cookie, accept: 'application/dicom; transfer-syntax=*' } },
      );
      const stored = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 200) {
        mismatches.push(`${sopInstanceUid}: WADO-RS answered ${response.status}`);
      } else if (sha256(readPart10(stored).dataSet) !== sha256(onWire)) {
        mismatches.push(`${sopInstanceUid}: stored data set differs from the wire`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('finds every stored study and its instances with findscu (C-FIND)', async () => {
    const find = await runDcmtk('findscu', [
      '-v',
      '-S',
      ...['-k', 'QueryRetrieveLevel=STUDY', '-k', 'StudyInstanceUID'],
      ...['-k', 'NumberOfStudyRelatedInstances'],
      ...peerArgs(server.dimsePort, 'CHUM_CT1'),
    ]);

    expect(find.exitCode, find.output).toBe(0);
    const answered = find.output.match(/Find Response: \d+ \(Pending\)/g) ?? [];
    expect(answered).toHaveLength(await db.study.count());
    const counts = [...find.output.matchAll(/\(0020,1208\) IS \[ *(\d+) *\]/g)].map((m) => +m[1]!);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(await db.instance.count());
  });
});
