import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TransferSyntax } from '@/server/archive/dimse/index.js';

import { peerArgs, requireDcmtk, runDcmtk, type DcmtkRun } from './support/dcmtk.js';
import { readPart10, readPart10File, requireFixtureFolder } from './support/dicom-fixtures.js';
import { STORESCU_PROFILE, writeStorescuProfile } from './support/storescu-profile.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';
import { startWireTap, type WireTap } from './support/wire-tap.js';

/** One real file for every transfer syntax the archive accepts by default. */
const FILE_PER_SYNTAX: Record<string, string> = {
  [TransferSyntax.ImplicitVRLittleEndian]: 'transfer-syntaxes/implicit_little.dcm',
  [TransferSyntax.ExplicitVRLittleEndian]: 'transfer-syntaxes/explicit_little.dcm',
  [TransferSyntax.DeflatedExplicitVRLittleEndian]: 'transfer-syntaxes/deflated.dcm',
  [TransferSyntax.ExplicitVRBigEndian]: 'transfer-syntaxes/explicit_big.dcm',
  [TransferSyntax.JPEGBaseline]: 'transfer-syntaxes/jpeg_baseline_8bit.dcm',
  [TransferSyntax.JPEGExtended]: 'pydicom/test_files/JPGExtended.dcm',
  [TransferSyntax.JPEGLossless]:
    'dicomparser/testImages/encapsulated/multi-frame/' +
    'CT0012.fragmented_no_bot_jpeg_lossless.57.dcm',
  [TransferSyntax.JPEGLosslessSV1]: 'transfer-syntaxes/jpeg_lossless_sel1.dcm',
  [TransferSyntax.JPEGLSLossless]: 'head-ct-compressed/jpegls-lossless/CT0001.dcm',
  [TransferSyntax.JPEGLSNearLossless]: 'transfer-syntaxes/jpeg_ls.dcm',
  [TransferSyntax.JPEG2000Lossless]: 'head-ct-compressed/j2k-lossless/CT0001.dcm',
  [TransferSyntax.JPEG2000]: 'transfer-syntaxes/jpeg_2000.dcm',
  [TransferSyntax.RLELossless]: 'transfer-syntaxes/rle.dcm',
};

describe('C-STORE in every accepted transfer syntax, proposed as stored', () => {
  let archive: TestServer;
  let tap: WireTap;
  let run: DcmtkRun;
  let scratch: string;
  const paths = new Map<string, string>();

  beforeAll(async () => {
    requireDcmtk();
    const root = requireFixtureFolder('.');
    for (const [uid, relative] of Object.entries(FILE_PER_SYNTAX)) {
      paths.set(uid, join(root, relative));
    }

    scratch = mkdtempSync(join(tmpdir(), 'archipel-dimse-'));
    const profile = writeStorescuProfile(scratch, [...paths.values()]);
    archive = await startTestServer();
    tap = await startWireTap(archive.port);

    run = await runDcmtk('storescu', [
      '-v',
      ...['-xf', profile, STORESCU_PROFILE],
      ...peerArgs(tap.port, KNOWN_MODALITY),
      ...paths.values(),
    ]);
  });
  afterAll(async () => {
    await tap?.close();
    await archive?.server.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('stores every file in one association without transcoding', () => {
    expect(run.exitCode, run.output).toBe(0);
    expect(archive.stored).toHaveLength(paths.size);
    expect(archive.associationRequests).toHaveLength(1);

    // storescu logs "Converting transfer syntax: A -> A" even when it sends the file as is.
    const conversions = [...run.output.matchAll(/Converting transfer syntax: (.+) -> (.+)/g)];
    expect(conversions.filter(([, from, to]) => from !== to)).toEqual([]);
  });

  it('keeps each data set byte-identical to what storescu put on the wire', () => {
    const sent = tap.sentDataSets();

    expect(sent).toHaveLength(archive.stored.length);
    archive.stored.forEach((request, index) => {
      const written = readPart10(request.part10);
      expect(Buffer.compare(written.dataSet, sent[index]), request.sopInstanceUID).toBe(0);
    });
  });

  const syntaxes = Object.keys(FILE_PER_SYNTAX);
  it.each(syntaxes)('labels %s and writes a file dcmdump reads', async (uid) => {
    const original = readPart10File(paths.get(uid) as string);
    const instanceUID = original.meta.get('0002,0003');
    const request = archive.stored.find((stored) => stored.sopInstanceUID === instanceUID);
    expect(request, `nothing stored for ${paths.get(uid)}`).toBeDefined();
    const part10 = request?.part10 as Uint8Array;

    expect(request?.transferSyntaxUID).toBe(uid);
    expect(readPart10(part10).meta.get('0002,0010')).toBe(uid);

    const path = join(scratch, `${uid}.dcm`);
    writeFileSync(path, part10);
    const dump = await runDcmtk('dcmdump', ['-E', '-Un', path]);
    expect(dump.exitCode, dump.output).toBe(0);
    expect(dump.output).not.toMatch(/^E:/m);
    expect(dump.output).toContain(`(0002,0010) UI [${uid}]`);
    expect(dump.output).toContain(`(0008,0018) UI [${instanceUID}]`);
  });
});
