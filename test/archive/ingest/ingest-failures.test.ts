import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseInstance } from '@/server/archive/dicom/index.js';
import { handleDicomweb } from '@/server/archive/dicomweb/index.js';
import { storeInstance, storeInstances, type IngestDeps } from '@/server/archive/ingest/index.js';
import { FilesystemBlobStore, type BlobStore } from '@/server/archive/store/index.js';
import { audit } from '@/server/audit/audit';
import { createDatabase, type Database } from '@/server/db/client';
import { seedDemo } from '@/server/db/seed';
import { adminQuery, createTestDatabase, type TestDatabase } from '../../support/database';
import { randomUidOfLength, withFreshUids, withUidReplaced } from '../../support/fresh-uids';
import { readTestFile } from '../dicom/support/dicom-test-data';

const silent = { info() {}, warn() {} };

function slices(from: number, count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    readTestFile(`head-ct/CT${String(from + i).padStart(4, '0')}.dcm`),
  );
}

/** A blob store whose writes go through `hook` first: to fail them, or to hold them. */
function hooked(inner: BlobStore, hook: (index: number) => Promise<void>): BlobStore {
  let writes = 0;
  return {
    put: async (key, bytes) => {
      await hook(writes++);
      await inner.put(key, bytes);
    },
    get: (key) => inner.get(key),
    stream: (key) => inner.stream(key),
    delete: (key) => inner.delete(key),
    exists: (key) => inner.exists(key),
  };
}

async function blobCount(root: string): Promise<number> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.dcm')).length;
}

/** Ingest when something goes wrong: refusals, failed writes, races, odd values. */
describe('ingest under failure and contention', () => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;
  let deps: IngestDeps;
  let chum: string;
  const sender = () => ({ siteId: chum, source: 'stow' as const });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // Times written by PostgreSQL itself must not follow the session's time zone.
    await adminQuery(`ALTER DATABASE ${testDb.name} SET timezone TO 'America/Martinique'`);
    db = createDatabase(testDb.url);
    await seedDemo(db);
    chum = (await db.site.findUniqueOrThrow({ where: { code: 'CHUM' } })).id;
    dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-ingest-failures-'));
    deps = { db, store: new FilesystemBlobStore(dataDir), log: silent };
  });
  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no empty study behind when its only instance is refused', async () => {
    const [first, second] = withFreshUids(slices(1, 2));
    expect((await storeInstance(deps, { ...sender(), bytes: first! })).status).toBe('stored');
    // The second slice names the first one's series under a study of its own.
    const study = parseInstance(second!).StudyInstanceUID;
    const elsewhere = randomUidOfLength(study.length);

    const result = await storeInstance(deps, {
      ...sender(),
      bytes: withUidReplaced(second!, study, elsewhere),
    });

    expect(result).toMatchObject({ status: 'refused', reason: 'instance-uid-conflict' });
    expect(await db.study.findUnique({ where: { studyInstanceUid: elsewhere } })).toBeNull();
  });

  it('removes every blob of a batch whose write failed, and indexes none of it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'archipel-ingest-eio-'));
    const failing = hooked(new FilesystemBlobStore(root), async (index) => {
      await new Promise((resolve) => setTimeout(resolve, index === 0 ? 10 : 50));
      if (index === 0) throw new Error('EIO: i/o error');
    });
    const batch = withFreshUids(slices(10, 8));

    await expect(storeInstances({ ...deps, store: failing }, sender(), batch)).rejects.toThrow(
      /EIO/,
    );

    expect(await blobCount(root)).toBe(0);
    const uids = batch.map((bytes) => parseInstance(bytes).SOPInstanceUID);
    expect(await db.instance.count({ where: { sopInstanceUid: { in: uids } } })).toBe(0);
    await rm(root, { recursive: true, force: true });
  });

  it('stores two batches creating the same new studies in opposite orders', async () => {
    for (let round = 0; round < 5; round += 1) {
      const x = withFreshUids(slices(20, 2));
      const y = withFreshUids(slices(22, 2));
      // Both batches reach their index transactions together.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const held = { ...deps, store: hooked(deps.store, () => gate) };
      const both = Promise.all([
        storeInstances(held, sender(), [x[0]!, y[0]!]),
        storeInstances(held, sender(), [y[1]!, x[1]!]),
      ]);
      setTimeout(open, 50);

      const outcomes = (await both).flat().map((result) => result.status);
      expect(outcomes).toEqual(['stored', 'stored', 'stored', 'stored']);
    }
  });

  it('indexes a text value with a NUL inside without it, with the rest of its batch', async () => {
    const batch = withFreshUids(slices(30, 3));
    const description = Buffer.from('Head 1.5mm axial');
    // The middle slice gets a series of its own, whose row takes its description.
    const series = parseInstance(batch[1]!).SeriesInstanceUID;
    const odd = withUidReplaced(batch[1]!, series, randomUidOfLength(series.length));
    odd[odd.indexOf(description) + 4] = 0;

    const results = await storeInstances(deps, sender(), [batch[0]!, odd, batch[2]!]);

    expect(results.map((result) => result.status)).toEqual(['stored', 'stored', 'stored']);
    const study = await db.study.findUniqueOrThrow({
      where: { studyInstanceUid: parseInstance(odd).StudyInstanceUID },
      include: { series: true },
    });
    const texts = study.series.map((s) => s.description);
    expect(texts).toContain('Head1.5mm axial (synthetic header)');
    expect(study.numberOfInstances).toBe(3);
  });

  it('refuses only the object whose index row the database will not take', async () => {
    const batch = withFreshUids(slices(35, 3));
    const poisoned = parseInstance(batch[1]!).InstanceNumber;
    // Stands for any value PostgreSQL refuses that ingest did not foresee.
    await db.$executeRawUnsafe(
      `ALTER TABLE "Instance" ADD CONSTRAINT test_poison CHECK ("instanceNumber" <> ${poisoned})`,
    );
    try {
      const results = await storeInstances(deps, sender(), batch);

      expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
        'stored',
        'unindexable',
        'stored',
      ]);
      // The database's own message may quote the row; the answer names the error's code only.
      expect(results[1]).toMatchObject({
        message: expect.stringMatching(/database error 23514\)$/),
      });
      // Alone, as a C-STORE sends it, it is refused too, not failed like a database outage.
      expect(await storeInstance(deps, { ...sender(), bytes: batch[1]! })).toMatchObject({
        status: 'refused',
        reason: 'unindexable',
      });
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Instance" DROP CONSTRAINT test_poison');
    }
  });

  it('takes the same data set under other File Meta Information as unchanged', async () => {
    const [original] = withFreshUids(slices(45, 1));
    expect((await storeInstance(deps, { ...sender(), bytes: original! })).status).toBe('stored');
    // Another writer's name in the meta header, as when a scanner's C-STORE and a CD of the
    // same study both arrive.
    const rewritten = Buffer.from(original!);
    rewritten.write('OTHER_W 2.3.1', rewritten.indexOf('PYDICOM 2.3.1'), 'latin1');
    const uid = parseInstance(original!).SOPInstanceUID;
    const before = await db.instance.findUniqueOrThrow({ where: { sopInstanceUid: uid } });

    const result = await storeInstance(deps, { ...sender(), source: 'upload', bytes: rewritten });

    expect(result.status).toBe('unchanged');
    expect(await db.instance.findUniqueOrThrow({ where: { sopInstanceUid: uid } })).toEqual(before);
  });

  it('writes audit and index times in UTC whatever the database time zone', async () => {
    const before = Date.now();
    await audit(db, { action: 'test.clock' });
    const [bytes] = withFreshUids(slices(40, 1));
    await storeInstance(deps, { ...sender(), bytes: bytes! });

    const line = await db.auditEvent.findFirstOrThrow({ where: { action: 'test.clock' } });
    const study = await db.study.findUniqueOrThrow({
      where: { studyInstanceUid: parseInstance(bytes!).StudyInstanceUID },
    });
    expect(Math.abs(line.at.getTime() - before)).toBeLessThan(60_000);
    expect(Math.abs(study.updatedAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('announces the studies a STOW-RS request stored before its storage failed', async () => {
    const parts = withFreshUids(slices(50, 40));
    const announced: string[] = [];
    const failing = hooked(deps.store, async (index) => {
      // The second batch of 32 fails on its fifth write.
      if (index === 36) throw new Error('EIO: i/o error');
    });
    const user = await db.user.findUniqueOrThrow({
      where: { email: 'urgence@chu-martinique.demo' },
    });
    const actor = { userId: user.id, role: user.role, siteId: user.siteId };
    const stowDeps = {
      ...deps,
      store: failing,
      log: { ...silent, error() {} },
      onStudiesStored: async (uids: string[]) => void announced.push(...uids),
    };
    const server = createServer((req, res) => {
      void handleDicomweb(stowDeps, req, res, actor).catch(() => {
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const boundary = 'failing-batch';
    const body = Buffer.concat([
      ...parts.flatMap((part) => [
        Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
        part,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);

    const response = await fetch(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicomweb/studies`,
      {
        method: 'POST',
        headers: {
          'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        },
        body: new Uint8Array(body),
      },
    );
    await response.arrayBuffer();
    server.close();

    expect(response.status).toBe(500);
    const study = parseInstance(parts[0]!).StudyInstanceUID;
    const stored = await db.study.findUniqueOrThrow({ where: { studyInstanceUid: study } });
    expect(stored.numberOfInstances).toBe(32);
    expect(announced).toEqual([study]);
  });
});
