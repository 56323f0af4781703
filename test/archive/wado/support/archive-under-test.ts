import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { handleDicomweb, type DicomwebDeps } from '@/server/archive/dicomweb/index.js';
import { handleWadoUri } from '@/server/archive/dicomweb/wado-uri.js';
import { readMultipart } from '@/server/archive/dicomweb/index.js';
import { FilesystemBlobStore } from '@/server/archive/store/index.js';
import type { Actor } from '@/server/auth/roles';
import { createDatabase, type Database } from '@/server/db/client';
import { seedDemo } from '@/server/db/seed';
import { createTestDatabase, type TestDatabase } from '../../../support/database';
import { SHARED_DIR } from '../../../support/shared';

export const DICOM = process.env.ARCHIPEL_DICOM_TEST_DATA ?? `${SHARED_DIR}/dicom`;
const silent = { info() {}, warn() {}, error() {} };

export function dicomFile(relative: string): Buffer {
  const file = path.join(DICOM, relative);
  if (!existsSync(file)) throw new Error(`DICOM test data is missing: ${file}`);
  return readFileSync(file);
}

export function dicomFolder(relative: string): string[] {
  const folder = path.join(DICOM, relative);
  if (!existsSync(folder)) throw new Error(`DICOM test data is missing: ${folder}`);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.dcm'))
    .sort()
    .map((f) => `${relative}/${f}`);
}

/** A real HTTP server answering /dicomweb and /wado for a switchable actor, on a fresh DB. */
export interface ArchiveUnderTest {
  db: Database;
  base: string;
  origin: string;
  doctor: Actor;
  otherSiteDoctor: Actor;
  actAs(actor: Actor): void;
  stow(files: Buffer[]): Promise<Response>;
  close(): Promise<void>;
}

export async function startArchiveUnderTest(): Promise<ArchiveUnderTest> {
  const testDb: TestDatabase = await createTestDatabase();
  const db = createDatabase(testDb.url);
  await seedDemo(db);
  const user = async (email: string): Promise<Actor> => {
    const row = await db.user.findUniqueOrThrow({ where: { email } });
    return { userId: row.id, role: row.role, siteId: row.siteId };
  };
  const doctor = await user('urgence@chu-martinique.demo');
  const otherSiteDoctor = await user('urgence@ch-cayenne.demo');
  let current = doctor;

  const dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-wado-'));
  const deps: DicomwebDeps = {
    db,
    store: new FilesystemBlobStore(dataDir),
    log: silent,
    maxRequestBytes: 256 * 1024 * 1024,
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (await handleWadoUri(deps, req, res, current)) return;
      if (!(await handleDicomweb(deps, req, res, current))) res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = `${origin}/dicomweb`;

  return {
    db,
    base,
    origin,
    doctor,
    otherSiteDoctor,
    actAs: (actor) => {
      current = actor;
    },
    stow: (files) =>
      fetch(`${base}/studies`, {
        method: 'POST',
        headers: {
          'Content-Type': 'multipart/related; type="application/dicom"; boundary=wadoTest',
          Accept: 'application/dicom+json',
        },
        body: new Uint8Array(multipartBody(files, 'wadoTest')),
      }),
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.$disconnect();
      await testDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function multipartBody(parts: Buffer[], boundary: string): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), part);
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/** The parts of a multipart answer, with their headers. */
export async function multipartParts(response: Response) {
  const type = response.headers.get('content-type') ?? '';
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
  if (!boundary) throw new Error(`No boundary in Content-Type "${type}"`);
  const body = Buffer.from(await response.arrayBuffer());
  const parts = [];
  const limits = { maxRequestBytes: 2 ** 31, maxPartBytes: 2 ** 30 };
  for await (const part of readMultipart(Readable.from([body]), boundary, limits)) parts.push(part);
  return parts;
}
