import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseInstance } from '@/server/archive/dicom/index.js';
import { handleDicomweb, type DicomwebDeps } from '@/server/archive/dicomweb/index.js';
import { FilesystemBlobStore } from '@/server/archive/store/index.js';
import type { Actor } from '@/server/auth/roles';
import { createDatabase, type Database } from '@/server/db/client';
import { seedDemo } from '@/server/db/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { SHARED_DIR } from '../../support/shared';

const DICOM = process.env.ARCHIPEL_DICOM_TEST_DATA ?? `${SHARED_DIR}/dicom`;
const HEAD_CT = path.join(DICOM, 'head-ct');
const silent = { info() {}, warn() {}, error() {} };

function dicomFile(relative: string): Buffer {
  const file = path.join(DICOM, relative);
  if (!existsSync(file)) {
    throw new Error(`DICOM test data is missing: ${file} (the shared corpus ${DICOM})`);
  }
  return readFileSync(file);
}

function headCtFiles(): string[] {
  if (!existsSync(HEAD_CT)) throw new Error(`DICOM test data is missing: ${HEAD_CT}`);
  return readdirSync(HEAD_CT)
    .filter((f) => f.endsWith('.dcm'))
    .sort()
    .map((f) => `head-ct/${f}`);
}

function multipart(parts: Buffer[], boundary = 'archipelBoundary'): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), part);
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

type DataSet = Record<string, { vr: string; Value?: unknown[] }>;

describe('DICOMweb STOW-RS and QIDO-RS', () => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;
  let server: Server;
  let base: string;
  let doctor: Actor;
  let otherSiteDoctor: Actor;
  let current: Actor;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url);
    await seedDemo(db);
    const user = async (email: string): Promise<Actor> => {
      const row = await db.user.findUniqueOrThrow({ where: { email } });
      return { userId: row.id, role: row.role, siteId: row.siteId };
    };
    doctor = await user('urgence@chu-martinique.demo');
    otherSiteDoctor = await user('urgence@ch-cayenne.demo');
    current = doctor;

    dataDir = await mkdtemp(path.join(tmpdir(), 'archipel-dicomweb-'));
    const deps: DicomwebDeps = {
      db,
      store: new FilesystemBlobStore(dataDir),
      log: silent,
      maxRequestBytes: 64 * 1024 * 1024,
    };
    server = createServer((req, res) => {
      void handleDicomweb(deps, req, res, current).then((ours) => {
        if (!ours) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicomweb`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.$disconnect();
    await testDb?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const stow = (body: Buffer, url = `${base}/studies`) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'multipart/related; type="application/dicom"; boundary=archipelBoundary',
        Accept: 'application/dicom+json',
      },
      body: new Uint8Array(body),
    });

  const qido = async (pathAndQuery: string, accept = 'application/dicom+json') => {
    const response = await fetch(`${base}${pathAndQuery}`, { headers: { Accept: accept } });
    return { response, body: (await response.json()) as DataSet[] };
  };

  it('stores the 108 head CT slices of one request, byte for byte', async () => {
    const files = headCtFiles();
    expect(files).toHaveLength(108);

    const response = await stow(multipart(files.map(dicomFile)));
    const body = (await response.json()) as DataSet;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom+json');
    expect(body['00081199']!.Value).toHaveLength(108);
    expect(body['00081198']).toBeUndefined();
    expect(String(body['00081190']!.Value![0])).toMatch(/\/dicomweb\/studies\/[0-9.]+$/);

    const instances = await db.instance.findMany();
    expect(instances).toHaveLength(108);
    const store = new FilesystemBlobStore(dataDir);
    const originals = new Set(
      files.map((f) => createHash('sha256').update(dicomFile(f)).digest('hex')),
    );
    for (const instance of instances) {
      const stored = await store.get(instance.storageKey);
      const sha = createHash('sha256').update(stored).digest('hex');
      expect(sha).toBe(instance.sha256);
      expect(originals.has(sha)).toBe(true);
    }
    const study = await db.study.findFirstOrThrow();
    expect(study).toMatchObject({
      numberOfInstances: 108,
      numberOfSeries: 1,
      modalitiesInStudy: ['CT'],
    });
  });

  it('answers a resend of the same study 200 and changes nothing', async () => {
    const before = await db.instance.findMany({ orderBy: { sopInstanceUid: 'asc' } });

    const response = await stow(multipart(headCtFiles().map(dicomFile)));

    expect(response.status).toBe(200);
    expect(((await response.json()) as DataSet)['00081199']!.Value).toHaveLength(108);
    const after = await db.instance.findMany({ orderBy: { sopInstanceUid: 'asc' } });
    expect(after).toEqual(before);
  });

  it('stores the good parts of a mixed batch and explains each failure (202)', async () => {
    const good = [dicomFile('brain-mr/brain_002.dcm'), dicomFile('brain-mr/brain_003.dcm')];
    const notDicom = dicomFile('edge/not_dicom.txt.dcm');
    const truncated = dicomFile('edge/truncated_mid_pixeldata.dcm');

    const response = await stow(multipart([good[0]!, notDicom, truncated, good[1]!]));
    const body = (await response.json()) as DataSet;

    expect(response.status).toBe(202);
    expect(body['00081199']!.Value).toHaveLength(2);
    const failed = body['00081198']!.Value as DataSet[];
    expect(failed).toHaveLength(2);
    expect(failed.map((f) => f['00081197']!.Value![0])).toEqual([0xc000, 0xc000]);
    expect(failed.map((f) => f['00091010']!.Value![0])).toEqual(['not-dicom', 'truncated']);
    expect(failed.map((f) => f['00091012']!.Value![0])).toEqual([2, 3]);
    expect(String(failed[1]!['00091011']!.Value![0])).not.toBe('');
    expect(await db.series.count({ where: { modality: 'MR' } })).toBe(1);
  });

  it('keeps part order in the answer when a request spans several stored batches', async () => {
    const slices = headCtFiles().slice(0, 38).map(dicomFile);
    slices.splice(2, 0, dicomFile('edge/truncated_mid_pixeldata.dcm'));
    slices.splice(34, 0, dicomFile('edge/not_dicom.txt.dcm'));

    const response = await stow(multipart(slices));
    const body = (await response.json()) as DataSet;

    expect(response.status).toBe(202);
    const failed = body['00081198']!.Value as DataSet[];
    expect(failed.map((f) => f['00091012']!.Value![0])).toEqual([3, 35]);
    const referenced = body['00081199']!.Value as DataSet[];
    const sent = headCtFiles()
      .slice(0, 38)
      .map((f) => parseInstance(dicomFile(f)).SOPInstanceUID);
    expect(referenced.map((r) => r['00081155']!.Value![0])).toEqual(sent);
  });

  it('fails an instance of another study than the URL names (409, 0xA900)', async () => {
    const response = await stow(
      multipart([dicomFile('head-ct/CT0001.dcm')]),
      `${base}/studies/1.2.3.4.5`,
    );
    const body = (await response.json()) as DataSet;

    expect(response.status).toBe(409);
    const failed = body['00081198']!.Value as DataSet[];
    expect(failed[0]!['00081197']!.Value).toEqual([0xa900]);
    expect(failed[0]!['00081155']!.Value).toHaveLength(1);
  });

  it('refuses a body that is not multipart/related (415) or not well formed (400)', async () => {
    const single = await fetch(`${base}/studies`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/dicom' },
      body: new Uint8Array(dicomFile('head-ct/CT0001.dcm')),
    });
    expect(single.status).toBe(415);

    const broken = await stow(
      Buffer.from('--archipelBoundary\r\nContent-Type: application/dicom\r\n\r\nDICM'),
    );
    expect(broken.status).toBe(400);

    // Part headers over 16 KiB are refused however the body is chunked: here in one piece.
    const padding = `X-Padding: ${'x'.repeat(20 * 1024)}\r\n`;
    const bloated = await stow(
      Buffer.from(
        `--archipelBoundary\r\n${padding}Content-Type: application/dicom\r\n\r\nDICM` +
          '\r\n--archipelBoundary--\r\n',
      ),
    );
    expect(bloated.status).toBe(400);
    expect(((await bloated.json()) as { message: string }).message).toMatch(/headers are too long/);
  });

  it('finds studies by accent- and case-insensitive PatientName wildcard', async () => {
    const latin1 = await stow(multipart([dicomFile('edge/charset_french_latin1.dcm')]));
    expect(latin1.status).toBe(200);

    const { response, body } = await qido(`/studies?PatientName=${encodeURIComponent('ménard*')}`);

    expect(response.status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]!['00100010']!.Value).toEqual([{ Alphabetic: 'Ménard^Hélène' }]);
    expect(body[0]!['00201208']!.Value).toEqual([1]);
    expect((await qido('/studies?PatientName=M?NARD*')).body).toHaveLength(1);
    expect((await qido('/studies?PatientName=NOBODY*')).body).toHaveLength(0);
  });

  it('matches study dates, ranges, modalities, and pages with limit and offset', async () => {
    const all = (await qido('/studies')).body;
    expect(all).toHaveLength(3);
    const ct = all.find(
      (s) => (s['00080061']!.Value as string[]).includes('CT') && s['00201208']!.Value![0] === 108,
    )!;
    const date = String(ct['00080020']!.Value![0]);

    expect(
      (await qido(`/studies?StudyDate=${date}&ModalitiesInStudy=CT`)).body.length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await qido(`/studies?StudyDate=-${date}`)).body.map((s) => s['0020000D']),
    ).toContainEqual(ct['0020000D']);
    expect((await qido('/studies?StudyDate=30000101-')).body).toHaveLength(0);
    expect((await qido('/studies?ModalitiesInStudy=MR')).body).toHaveLength(1);

    const first = (await qido('/studies?limit=2')).body;
    const rest = (await qido('/studies?limit=2&offset=2')).body;
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(1);
    expect(new Set([...first, ...rest].map((s) => s['0020000D']!.Value![0])).size).toBe(3);
  });

  it('lists series and instances of a study and honours includefield', async () => {
    const studyUid = String(
      (await db.study.findFirstOrThrow({ where: { numberOfInstances: 108 } })).studyInstanceUid,
    );

    const series = (
      await qido(`/studies/${studyUid}/series?Modality=CT&includefield=BodyPartExamined`)
    ).body;
    expect(series).toHaveLength(1);
    expect(series[0]!['00201209']!.Value).toEqual([108]);
    expect(series[0]).toHaveProperty('00180015');
    const seriesUid = String(series[0]!['0020000E']!.Value![0]);

    const instances = (await qido(`/studies/${studyUid}/series/${seriesUid}/instances?limit=5`))
      .body;
    expect(instances).toHaveLength(5);
    expect(instances[0]!['00080018']!.vr).toBe('UI');
    expect(typeof instances[0]!['00280010']!.Value![0]).toBe('number');
    expect(instances[0]).not.toHaveProperty('00083002');

    const withAll = (await qido(`/studies/${studyUid}/instances?limit=1&includefield=all`)).body;
    expect(withAll[0]).toHaveProperty('00083002');
    expect(withAll[0]).toHaveProperty('00081030');
    expect(
      (await qido(`/studies?includefield=StudyDescription,00080020&fuzzymatching=true`)).response
        .status,
    ).toBe(200);
  });

  it('answers 400 for unknown keys and bad dates, 406 for XML', async () => {
    const unknown = await qido('/studies?PatientWeight=70');
    expect(unknown.response.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('PatientWeight');
    expect((await qido('/studies?StudyDate=20121345')).response.status).toBe(400);
    expect(
      (await qido('/studies', 'multipart/related; type="application/dicom+xml"')).response.status,
    ).toBe(406);
  });

  it('shows a clinician of another site nothing, and audits every query', async () => {
    const auditsBefore = await db.auditEvent.count({ where: { action: 'study.query' } });
    current = otherSiteDoctor;
    try {
      expect((await qido('/studies')).body).toEqual([]);
      expect((await qido('/series')).body).toEqual([]);
      expect((await qido('/instances?limit=5')).body).toEqual([]);
    } finally {
      current = doctor;
    }

    const events = await db.auditEvent.findMany({
      where: { action: 'study.query' },
      orderBy: { id: 'asc' },
    });
    expect(events.length - auditsBefore).toBe(3);
    expect(events.at(-1)!.details).toMatchObject({ results: 0 });
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/nard|INV0/i);
  });
});
