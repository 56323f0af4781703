import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  IngestQueue,
  patientNameKey,
  storeInstance,
  storeInstances,
  type IngestDeps,
} from '@/server/archive/ingest/index.js';
import { FilesystemBlobStore } from '@/server/archive/store/index.js';
import { createDatabase, type Database } from '@/server/db/client';
import { seedDemo } from '@/server/db/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { SHARED_DIR } from '../../support/shared';

const DICOM = process.env.ARCHIPEL_DICOM_TEST_DATA ?? `${SHARED_DIR}/dicom`;
const silent = { info() {}, warn() {} };

function dicomFile(relative: string): Buffer {
  const file = path.join(DICOM, relative);
  if (!existsSync(file)) throw new Error(`DICOM test data is missing: ${file}`);
  return readFileSync(file);
}

/** The same object with one byte of pixel data changed: same UIDs, other bytes. */
function altered(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 0xff;
  return copy;
}

describe('storeInstance', () => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;
  let deps: IngestDeps;
  let chum: string;
  let chug: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url);
    await seedDemo(db);
    chum = (await db.site.findUniqueOrThrow({ where: { code: 'CHUM' } })).id;
    chug = (await db.site.findUniqueOrThrow({ where: { code: 'CHUG' } })).id;
    dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-ingest-'));
    deps = { db, store: new FilesystemBlobStore(dataDir), log: silent };
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stores, then leaves the same bytes unchanged, then replaces other bytes with an audit', async () => {
    const bytes = dicomFile('head-ct/CT0010.dcm');
    const request = { bytes, siteId: chum, source: 'upload' as const };

    expect((await storeInstance(deps, request)).status).toBe('stored');
    expect((await storeInstance(deps, request)).status).toBe('unchanged');
    const first = await db.instance.findFirstOrThrow();

    const result = await storeInstance(
      { ...deps, retireAfterMs: 200 },
      { ...request, bytes: altered(bytes) },
    );

    expect(result.status).toBe('replaced');
    const second = await db.instance.findFirstOrThrow();
    expect(second.sha256).not.toBe(first.sha256);
    // A reader that found the old row a moment ago still gets the old bytes, for a while.
    expect(await deps.store.exists(first.storageKey)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await deps.store.exists(first.storageKey)).toBe(false);
    expect((await deps.store.get(second.storageKey)).equals(altered(bytes))).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'instance.replace' } })).toBe(1);
    expect(await db.study.findFirstOrThrow()).toMatchObject({ numberOfInstances: 1 });
  });

  it('refuses a study another site archives, and writes nothing', async () => {
    const result = await storeInstance(deps, {
      bytes: dicomFile('head-ct/CT0011.dcm'),
      siteId: chug,
      source: 'dimse',
      callingAE: 'CHUG_CT1',
    });

    expect(result).toMatchObject({ status: 'refused', reason: 'study-owned-by-other-site' });
    expect(await db.instance.count()).toBe(1);
  });

  it('refuses what is not DICOM with the parser code', async () => {
    const result = await storeInstance(deps, {
      bytes: dicomFile('edge/not_dicom.txt.dcm'),
      siteId: chum,
      source: 'upload',
    });
    expect(result).toMatchObject({ status: 'refused', reason: 'not-dicom' });
  });

  it('judges each object of a batch on its own, repeats in the order sent', async () => {
    const [mr1, mr2] = ['brain-mr/brain_001.dcm', 'brain-mr/brain_002.dcm'].map(dicomFile);
    const replacesBefore = await db.auditEvent.count({ where: { action: 'instance.replace' } });

    const results = await storeInstances(deps, { siteId: chug, source: 'stow' }, [
      mr1!,
      dicomFile('edge/not_dicom.txt.dcm'),
      mr2!,
      altered(mr2!),
      dicomFile('head-ct/CT0012.dcm'),
      mr2!,
    ]);

    expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
      'stored',
      'not-dicom',
      'stored',
      'replaced',
      'study-owned-by-other-site',
      'replaced',
    ]);
    const sop = results[2]!.status === 'refused' ? '' : results[2]!.sopInstanceUid;
    const row = await db.instance.findUniqueOrThrow({ where: { sopInstanceUid: sop } });
    expect((await deps.store.get(row.storageKey)).equals(mr2!)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'instance.replace' } })).toBe(
      replacesBefore + 2,
    );
    const study = await db.study.findFirstOrThrow({ where: { siteId: chug } });
    expect(study).toMatchObject({ numberOfInstances: 2, numberOfSeries: 1 });
    expect(study.modalitiesInStudy).toEqual(['MR']);
  });

  it('queues objects in pipelined batches and answers in the order they were added', async () => {
    const [mr3, mr4] = ['brain-mr/brain_003.dcm', 'brain-mr/brain_004.dcm'].map(dicomFile);
    const queue = new IngestQueue(
      deps,
      { siteId: chug, source: 'stow' },
      {
        objects: 2,
        bytes: 1 << 30,
      },
    );

    // The third object repeats the first batch's mr3 while that batch may still be indexing.
    for (const bytes of [mr3!, mr4!, altered(mr3!), dicomFile('head-ct/CT0013.dcm'), mr4!]) {
      await queue.add(bytes);
    }
    const results = await queue.finish();

    expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
      'stored',
      'stored',
      'replaced',
      'study-owned-by-other-site',
      'unchanged',
    ]);
    const study = await db.study.findFirstOrThrow({ where: { siteId: chug } });
    expect(study).toMatchObject({ numberOfInstances: 4, numberOfSeries: 1 });
    const series = await db.series.findFirstOrThrow({ where: { studyId: study.id } });
    expect(series.numberOfInstances).toBe(4);
  });

  it('counts right when two senders store into one study at once', async () => {
    const slices = (from: number) =>
      Array.from({ length: 10 }, (_, i) => dicomFile(`head-ct/CT00${from + i}.dcm`));
    const sender = { siteId: chum, source: 'dimse' as const };

    const [first, second] = await Promise.all([
      storeInstances(deps, sender, slices(20)),
      storeInstances(deps, sender, slices(30)),
    ]);

    expect([...first, ...second].every((r) => r.status === 'stored')).toBe(true);
    const study = await db.study.findFirstOrThrow({ where: { siteId: chum } });
    // CT0010 from the first test, then these twenty.
    expect(study).toMatchObject({ numberOfInstances: 21, numberOfSeries: 1 });
  });

  it('keys patient names upper-case and accent-free', () => {
    expect(patientNameKey('Ménard^Hélène')).toBe('MENARD^HELENE');
  });
});
