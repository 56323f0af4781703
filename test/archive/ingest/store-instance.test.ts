import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { patientNameKey, storeInstance, type IngestDeps } from '@/server/archive/ingest/index.js';
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

    const result = await storeInstance(deps, { ...request, bytes: altered(bytes) });

    expect(result.status).toBe('replaced');
    const second = await db.instance.findFirstOrThrow();
    expect(second.sha256).not.toBe(first.sha256);
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

  it('keys patient names upper-case and accent-free', () => {
    expect(patientNameKey('Ménard^Hélène')).toBe('MENARD^HELENE');
  });
});
