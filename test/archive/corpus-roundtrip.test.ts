import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { signInOverHttp } from '../support/session';
import { classify } from './dicom/support/classification';
import { missingTestData, readManifest, readTestFile } from './dicom/support/dicom-test-data';

type DicomJson = Record<string, { Value?: unknown[] }>;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The whole shared corpus through the running server: each file by STOW-RS, the archive's
 * verdict against the classification table, then every stored instance back by WADO-RS,
 * byte for byte.
 */
describe('the whole DICOM corpus through STOW-RS and back through WADO-RS', () => {
  let database: TestDatabase;
  let server: TestServer;
  let cookie: string;
  const stored = new Map<string, { path: string; sha256: string; study: string }>();

  beforeAll(async () => {
    const missing = missingTestData();
    if (missing) throw new Error(missing);
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
    cookie = (await signInOverHttp(server.url, 'urgence@chu-martinique.demo', 'archipel-demo'))
      .session!;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function stow(bytes: Buffer) {
    const boundary = `corpus-${Math.random().toString(36).slice(2)}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await fetch(`${server.url}/dicomweb/studies`, {
      method: 'POST',
      headers: {
        cookie,
        accept: 'application/dicom+json',
        'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      },
      body,
    });
    return { status: response.status, json: (await response.json()) as DicomJson };
  }

  it('stores every file the table accepts and refuses the others with their reason', async () => {
    const verdicts: string[] = [];
    const manifest = readManifest();
    expect(manifest.length).toBeGreaterThan(500);

    for (const row of manifest) {
      const expected = classify(row.path)!.expect;
      const bytes = readTestFile(row.path);
      const { status, json } = await stow(bytes);
      const referenced = json['00081199']?.Value?.[0] as DicomJson | undefined;
      const failed = json['00081198']?.Value?.[0] as DicomJson | undefined;
      const verdict = referenced ? 'accept' : String(failed?.['00091010']?.Value?.[0]);
      if (verdict !== expected)
        verdicts.push(`${row.path}: ${verdict} (${status}), expected ${expected}`);
      if (referenced) {
        const retrieveUrl = String(referenced['00081190']?.Value?.[0]);
        const study = retrieveUrl.split('/studies/')[1]!.split('/')[0]!;
        stored.set(String(referenced['00081155']!.Value![0]), {
          path: row.path,
          sha256: sha256(bytes),
          study,
        });
      }
    }
    expect(verdicts).toEqual([]);
  });

  it('returns every stored instance byte for byte (the last file sent for each UID)', async () => {
    expect(stored.size).toBeGreaterThan(400);
    const mismatches: string[] = [];
    for (const [sopInstanceUid, original] of stored) {
      const search = await fetch(
        `${server.url}/dicomweb/studies/${original.study}/instances` +
          `?SOPInstanceUID=${sopInstanceUid}`,
        { headers: { cookie, accept: 'application/dicom+json' } },
      );
      const [instance] = (await search.json()) as DicomJson[];
      const series = String(instance!['0020000E']!.Value![0]);
      const response = await fetch(
        `${server.url}/dicomweb/studies/${original.study}` +
          `/series/${series}/instances/${sopInstanceUid}`,
        // As stored, whatever its syntax: the default (Explicit VR Little Endian) would be refused
        // for compressed instances, which the archive does not transcode.
        { headers: { cookie, accept: 'application/dicom; transfer-syntax=*' } },
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 200 || sha256(bytes) !== original.sha256) {
        mismatches.push(`${original.path} (${response.status})`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
