import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseInstance } from '@/server/archive/dicom/index.js';
import { createDimseServer, type DimseServer } from '@/server/archive/dimse/index.js';
import { storeInstance } from '@/server/archive/ingest/index.js';
import { studyRootFind } from '@/server/archive/query/study-root-find.js';
import { FilesystemBlobStore } from '@/server/archive/store/index.js';
import { createDatabase, type Database } from '@/server/db/client';
import { seedDemo } from '@/server/db/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { peerArgs, requireDcmtk, runDcmtk } from '../dimse/support/dcmtk';
import { dicomFile, dicomFolder } from '../wado/support/archive-under-test';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const OUR_SITE_AE = 'CHUM_CT1';
const OTHER_SITE_AE = 'CHUG_CT1';

describe('C-FIND SCP, Study Root, with dcmtk findscu', () => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;
  let dimse: DimseServer;
  let port: number;
  const headCt = dicomFolder('head-ct').map(dicomFile);
  const study = parseInstance(headCt[0]!);

  const findscu = async (callingAE: string, keys: string[]) => {
    const args = ['-v', '-S', ...keys.flatMap((k) => ['-k', k]), ...peerArgs(port, callingAE)];
    const run = await runDcmtk('findscu', args);
    const pending = run.output.match(/Find Response: \d+ \(Pending\)/g) ?? [];
    return { ...run, matches: pending.length };
  };

  beforeAll(async () => {
    requireDcmtk();
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url);
    await seedDemo(db);
    dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-cfind-'));
    const store = new FilesystemBlobStore(dataDir);

    const siteOf = async (aeTitle: string) =>
      (await db.dicomNode.findUniqueOrThrow({ where: { aeTitle } })).siteId;
    const ours = await siteOf(OUR_SITE_AE);
    for (const bytes of headCt) {
      const result = await storeInstance(
        { db, store, log: silent },
        { bytes, siteId: ours, source: 'dimse', callingAE: OUR_SITE_AE },
      );
      expect(result.status).not.toBe('refused');
    }
    const theirs = await siteOf(OTHER_SITE_AE);
    await storeInstance(
      { db, store, log: silent },
      { bytes: dicomFile('brain-mr/brain_001.dcm'), siteId: theirs, source: 'dimse' },
    );

    dimse = createDimseServer<{ siteId: string }>({
      aeTitle: 'ARCHIPEL',
      port: 0,
      logger: silent,
      async acceptAssociation({ callingAE }) {
        const node = await db.dicomNode.findUnique({ where: { aeTitle: callingAE } });
        return node
          ? { accept: true, context: { siteId: node.siteId } }
          : { accept: false, reason: 'calling-ae-not-recognized' };
      },
      onStore: async () => ({ status: 0xa700 }),
      onFind: studyRootFind(db),
    });
    ({ port } = await dimse.listen());
  });

  afterAll(async () => {
    await dimse?.close();
    await db?.$disconnect();
    await testDb?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finds the study by patient name wildcard, with the return keys asked', async () => {
    const run = await findscu(OUR_SITE_AE, [
      'QueryRetrieveLevel=STUDY',
      'PatientName=INVES*',
      'StudyInstanceUID',
      'PatientID',
      'NumberOfStudyRelatedInstances',
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.matches).toBe(1);
    expect(run.output).toContain(study.StudyInstanceUID);
    // dcmdump shows values with their even-length padding.
    expect(run.output).toMatch(/\(0010,0020\) LO \[INV0051 ?\]/);
    expect(run.output).toMatch(/\(0020,1208\) IS \[108 ?\]/);
  });

  it('audits each answered query under the calling AE title, with counts only', async () => {
    const before = await db.auditEvent.count({ where: { action: 'study.query' } });
    await findscu(OUR_SITE_AE, ['QueryRetrieveLevel=STUDY', 'PatientID=INV0051']);

    const lines = await db.auditEvent.findMany({
      where: { action: 'study.query' },
      orderBy: { id: 'asc' },
    });
    expect(lines).toHaveLength(before + 1);
    expect(lines.at(-1)!.details).toMatchObject({
      source: 'dimse',
      callingAE: OUR_SITE_AE,
      results: 1,
    });
    expect(JSON.stringify(lines.at(-1)!.details)).not.toContain('INV0051');
  });

  it("shows an AE only its own site's studies", async () => {
    const ours = await findscu(OUR_SITE_AE, ['QueryRetrieveLevel=STUDY', 'PatientName']);
    const theirs = await findscu(OTHER_SITE_AE, [
      'QueryRetrieveLevel=STUDY',
      `StudyInstanceUID=${study.StudyInstanceUID}`,
    ]);
    expect(ours.matches).toBe(1);
    expect(theirs.exitCode).toBe(0);
    expect(theirs.matches).toBe(0);
  });

  it('answers SERIES and IMAGE levels under a study', async () => {
    const series = await findscu(OUR_SITE_AE, [
      'QueryRetrieveLevel=SERIES',
      `StudyInstanceUID=${study.StudyInstanceUID}`,
      'Modality=CT',
      'NumberOfSeriesRelatedInstances',
    ]);
    expect(series.matches).toBe(1);
    expect(series.output).toContain(study.SeriesInstanceUID);

    const images = await findscu(OUR_SITE_AE, [
      'QueryRetrieveLevel=IMAGE',
      `StudyInstanceUID=${study.StudyInstanceUID}`,
      `SeriesInstanceUID=${study.SeriesInstanceUID}`,
      'SOPInstanceUID',
    ]);
    expect(images.matches).toBe(108);
  });

  it('matches a date range and refuses a bad date or level with 0xA900', async () => {
    const inRange = await findscu(OUR_SITE_AE, [
      'QueryRetrieveLevel=STUDY',
      'StudyDate=20120101-20121231',
    ]);
    expect(inRange.matches).toBe(1);

    const badDate = await findscu(OUR_SITE_AE, ['QueryRetrieveLevel=STUDY', 'StudyDate=2012']);
    expect(badDate.output).toMatch(/DataSetDoesNotMatchSOPClass|0xa900/i);

    const badLevel = await findscu(OUR_SITE_AE, ['QueryRetrieveLevel=PATIENT', 'PatientName']);
    expect(badLevel.output).toMatch(/DataSetDoesNotMatchSOPClass|0xa900/i);
  });
});
