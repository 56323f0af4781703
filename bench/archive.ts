/**
 * The archive benchmark: STOW-RS, QIDO-RS and WADO-RS figures of our DICOMweb server on the
 * 108-slice head CT, and the same figures of another server (Orthanc) for comparison.
 *
 *   npm run bench:archive                          starts our DICOMweb handler itself
 *   npm run bench:archive -- --url URL --token T   measures a running Archipel (/dicomweb)
 *   ... --against http://127.0.0.1:18042/dicom-web adds another server and our/their ratios
 *
 * Starting itself, it serves handleDicomweb for a demo clinician on a fresh database of
 * the test PostgreSQL (TEST_DATABASE_URL), without the session layer of server/server.ts.
 *
 * Each server first receives the head CT, is asked for all studies while that is all it
 * holds, then receives the rest of the shared corpus (55 studies) before the other figures.
 * STOW is measured twice: new instances (the head CT under fresh UIDs each run) and a
 * resend of instances already stored. Benchmarks print figures; no test asserts on them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { getFrames, parseInstance } from '../server/archive/dicom/index.js';
import { handleDicomweb } from '../server/archive/dicomweb/index.js';
import { FilesystemBlobStore } from '../server/archive/store/index.js';
import { createDatabase } from '../server/db/client';
import { seedDemo } from '../server/db/seed';
import { createTestDatabase } from '../test/support/database';
import {
  missingTestData,
  readManifest,
  readTestFile,
} from '../test/archive/dicom/support/dicom-test-data';
import { SHARED_DIR } from '../test/support/shared';
import { inParallel, measure, printFigures, type Figure } from './archive-measure.js';
import { getOk, stow, type DicomwebTarget } from './archive-target.js';
import { withFreshUids } from '../test/support/fresh-uids.js';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    against: { type: 'string' },
    runs: { type: 'string', default: '20' },
  },
});
const RUNS = Number(options.runs);
const HEAD_CT = path.join(SHARED_DIR, 'dicom', 'head-ct');

function headCt(): Buffer[] {
  if (!existsSync(HEAD_CT)) throw new Error(`The head CT is missing: ${HEAD_CT}`);
  return readdirSync(HEAD_CT)
    .filter((f) => f.endsWith('.dcm'))
    .sort()
    .map((f) => readFileSync(path.join(HEAD_CT, f)));
}

/**
 * Every readable file of the shared corpus but the head CT's: 55 studies of every kind, so
 * "all studies" is an archive's worth and not one row.
 */
function corpus(headCtSops: ReadonlySet<string>): Buffer[] {
  const missing = missingTestData();
  if (missing) throw new Error(missing);
  const files: Buffer[] = [];
  for (const row of readManifest()) {
    const bytes = readTestFile(row.path);
    try {
      if (!headCtSops.has(parseInstance(bytes).SOPInstanceUID)) files.push(bytes);
    } catch {
      // Files the archive refuses are left out: the other server might keep them.
    }
  }
  return files;
}

/** Every figure of the brief, in order, against one server. */
async function figuresOf(target: DicomwebTarget, files: Buffer[]): Promise<Figure[]> {
  const first = parseInstance(files[0]!);
  const study = first.StudyInstanceUID;
  const seriesPath = `/studies/${study}/series/${first.SeriesInstanceUID}`;
  const sops = files.map((file) => parseInstance(file).SOPInstanceUID);
  const json = 'application/dicom+json';
  const octets = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
  const frame = (sop: string) => () =>
    getOk(target, `${seriesPath}/instances/${sop}/frames/1`, octets).then(() => {});

  await stow(target, files);
  // One frame checks the server answers what we expect before timing anything.
  const [stored] = getFrames(files[0]!, first, [1]);
  const probe = await getOk(target, `${seriesPath}/instances/${sops[0]}/frames/1`, octets);
  if (probe.byteLength < stored!.length) {
    throw new Error(`${target.label} answered a frame shorter than the stored one`);
  }

  const allStudies = () => getOk(target, '/studies', json).then(() => {});
  const alone = await measure('QIDO all studies (1 study)', RUNS, allStudies);
  // One file a request: a server may refuse a whole request for one file it dislikes.
  await inParallel(
    4,
    corpus(new Set(sops)).map((file) => () => stow(target, [file], { refusalsExpected: true })),
  );
  const studies = JSON.parse(Buffer.from(await getOk(target, '/studies', json)).toString());

  const few = Math.max(3, Math.round(RUNS / 4));
  // New UIDs for each STOW run and its warm-up, made before any timing.
  const fresh = Array.from({ length: few + 1 }, () => withFreshUids(files));
  return [
    alone,
    await measure(`QIDO all studies (${studies.length})`, RUNS, allStudies),
    await measure('QIDO instances of one series', RUNS, () =>
      getOk(target, `${seriesPath}/instances`, json).then(() => {}),
    ),
    await measure('series metadata (108)', RUNS, () =>
      getOk(target, `${seriesPath}/metadata`, json).then(() => {}),
    ),
    await measure('108 frames sequential', few, async () => {
      for (const sop of sops) await frame(sop)();
    }),
    await measure('108 frames 6-parallel', few, () => inParallel(6, sops.map(frame))),
    await measure('STOW 108 new slices', few, () => stow(target, fresh.shift()!)),
    await measure('STOW 108 slices again', few, () => stow(target, files)),
  ];
}

/** Our DICOMweb handler on a fresh database, for a demo clinician; closed on exit. */
async function startOurs(): Promise<{ target: DicomwebTarget; close(): Promise<void> }> {
  const testDb = await createTestDatabase();
  const db = createDatabase(testDb.url);
  await seedDemo(db);
  const user = await db.user.findUniqueOrThrow({ where: { email: 'urgence@chu-martinique.demo' } });
  const actor = { userId: user.id, role: user.role, siteId: user.siteId };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-bench-'));
  const quiet = { info() {}, warn() {}, error: console.error };
  const deps = { db, store: new FilesystemBlobStore(dataDir), log: quiet };

  const server = createServer((req, res) => {
    void handleDicomweb(deps, req, res, actor).then((ours) => {
      if (!ours) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    target: { label: 'archipel', root: `http://127.0.0.1:${port}/dicomweb`, headers: {} },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.$disconnect();
      await testDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const files = headCt();
  const started = options.url ? undefined : await startOurs();
  const ours: DicomwebTarget = started?.target ?? {
    label: 'archipel',
    root: options.url!.replace(/\/+$/, ''),
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
  };

  try {
    console.log(`Archipel at ${ours.root}, ${files.length} slices, ${RUNS} runs a figure`);
    const ourFigures = await figuresOf(ours, files);
    let theirFigures: Figure[] | undefined;
    if (options.against) {
      const theirs = { label: 'other', root: options.against.replace(/\/+$/, ''), headers: {} };
      console.log(`Compared with ${theirs.root}`);
      theirFigures = await figuresOf(theirs, files);
    }
    printFigures(ourFigures, theirFigures);
  } finally {
    await started?.close();
  }
}

await main();
