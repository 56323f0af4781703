import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { signInOverHttp } from '../support/session';
import { SHARED_DIR } from '../support/shared';

const run = promisify(execFile);
const HEAD_CT = path.join(SHARED_DIR, 'dicom', 'head-ct');

describe('the archive inside the running server', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    if (!existsSync(HEAD_CT)) throw new Error(`Test data missing: ${HEAD_CT} (../shared/dicom)`);
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const session = async (email: string) =>
    (await signInOverHttp(server.url, email, 'archipel-demo')).session!;

  it('refuses DICOMweb without a session or token', async () => {
    const response = await fetch(`${server.url}/dicomweb/studies`);
    expect(response.status).toBe(401);
    expect((await response.json()).message).toContain('bearer token');
  });

  it('refuses a scanner whose calling AE title no site knows', async () => {
    const file = path.join(HEAD_CT, readdirSync(HEAD_CT)[0]);
    const refused = await run('storescu', [
      '-aet',
      'UNKNOWN_CT',
      '-aec',
      'ARCHIPEL',
      '127.0.0.1',
      String(server.dimsePort),
      file,
    ]).then(
      () => undefined,
      (error: { stderr: string; stdout: string }) => error.stderr + error.stdout,
    );
    expect(refused).toMatch(/Calling AE Title Not Recognized/i);
  });

  it("stores the CHU de Martinique scanner's CT and serves it to that site only", async () => {
    await run(
      'storescu',
      [
        '-aet',
        'CHUM_CT1',
        '-aec',
        'ARCHIPEL',
        '+sd',
        '127.0.0.1',
        String(server.dimsePort),
        HEAD_CT,
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );

    const cookie = await session('urgence@chu-martinique.demo');
    const qido = async (query: string) => {
      const response = await fetch(`${server.url}/dicomweb/${query}`, {
        headers: { cookie, accept: 'application/dicom+json' },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, { Value?: unknown[] }>[];
    };
    const studies = await qido('studies');
    expect(studies).toHaveLength(1);
    expect(studies[0]['00201208'].Value).toEqual([108]);
    expect(studies[0]['00080061'].Value).toEqual(['CT']);

    const studyUid = studies[0]['0020000D'].Value![0] as string;
    expect(await qido(`studies/${studyUid}/series`)).toHaveLength(1);

    const outsider = await fetch(`${server.url}/dicomweb/studies`, {
      headers: {
        cookie: await session('neuro@chu-guadeloupe.demo'),
        accept: 'application/dicom+json',
      },
    });
    expect(outsider.status === 204 ? [] : await outsider.json()).toEqual([]);
  });
});
