import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getFrames, parseInstance } from '@/server/archive/dicom/index.js';
import { SHARED_DIR } from '../../support/shared';
import {
  dicomFile,
  dicomFolder,
  multipartParts,
  startArchiveUnderTest,
  type ArchiveUnderTest,
} from './support/archive-under-test';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ORTHANC = path.join(SHARED_DIR, 'reference', 'orthanc-dicomweb');
/** The head CT slice Orthanc's captures 20, 22, 25, 28 and 29 were made from. */
const ORTHANC_CAPTURED_SOP = '1.2.826.0.1.3680043.8.498.15404672762480603177991764290724340406';

/** The body of an Orthanc capture: the bytes after its "--- body (N bytes)" line. */
function orthancBody(name: string): Buffer {
  const capture = readFileSync(path.join(ORTHANC, name));
  const marker = /--- body \((\d+) bytes\)\n/.exec(capture.toString('latin1'));
  if (!marker) throw new Error(`Capture ${name} has no body marker`);
  const start = marker.index + marker[0].length;
  return capture.subarray(start, start + Number(marker[1]));
}

/** Captures keep a prefix of each body, bytes outside printable ASCII shown as dots. */
function dotted(bytes: Uint8Array, length: number): string {
  return Array.from(bytes.subarray(0, length), (b) =>
    b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.',
  ).join('');
}

/** The first part of a captured multipart body: its Content-Length and its dotted prefix. */
function orthancFirstPart(name: string): { length: number; prefix: string } {
  const text = orthancBody(name).toString('latin1');
  const length = Number(/Content-Length: (\d+)/.exec(text)![1]);
  const prefix = text.slice(text.indexOf('\n\n') + 2);
  return { length, prefix: prefix.slice(0, 200) };
}

/** The Value of one attribute in captured (and truncated) DICOM JSON text. */
function orthancValue(name: string, tag: string): unknown[] {
  const text = orthancBody(name).toString('utf8');
  const match = new RegExp(`"${tag}": \\{\\s*"Value": (\\[[^\\]]*\\])`).exec(text);
  if (!match) throw new Error(`Capture ${name} has no Value for ${tag}`);
  return JSON.parse(match[1]!) as unknown[];
}

interface Uids {
  study: string;
  series: string;
  sop: string;
}
const uidsOf = (bytes: Buffer): Uids => {
  const parsed = parseInstance(bytes);
  return {
    study: parsed.StudyInstanceUID,
    series: parsed.SeriesInstanceUID,
    sop: parsed.SOPInstanceUID,
  };
};
const instancePath = (u: Uids) => `/studies/${u.study}/series/${u.series}/instances/${u.sop}`;

describe('WADO-RS and WADO-URI', () => {
  let archive: ArchiveUnderTest;
  const headCt = dicomFolder('head-ct').map(dicomFile);
  const first = headCt[0]!;
  const firstUids = uidsOf(first);
  const jls = dicomFile('head-ct-compressed/jpegls-lossless/CT0001.dcm');
  const compressed = {
    jls,
    j2k: dicomFile('head-ct-compressed/j2k-lossless/CT0001.dcm'),
    rle: dicomFile('head-ct-compressed/rle/CT0043.dcm'),
    sv1: dicomFile('head-ct-compressed/jpeg-lossless-sv1/CT0043.dcm'),
  };
  /** The head-ct slice each compressed file holds, losslessly. */
  const twinOf = { jls: 0, j2k: 0, rle: 42, sv1: 42 };
  const bigEndian = dicomFile('dicomparser/testImages/CT1_UNC.explicit_big_endian.dcm');
  const littleTwin = dicomFile('dicomparser/testImages/CT1_UNC.explicit_little_endian.dcm');

  const get = (pathAndQuery: string, accept?: string) =>
    fetch(`${archive.base}${pathAndQuery}`, { headers: accept ? { Accept: accept } : {} });

  beforeAll(async () => {
    archive = await startArchiveUnderTest();
    const stored = await archive.stow([...headCt, ...Object.values(compressed), bigEndian]);
    expect(stored.status).toBe(200);
  });
  afterAll(async () => {
    await archive?.close();
  });

  describe('instances', () => {
    it('returns an instance byte for byte as multipart/related application/dicom', async () => {
      const response = await get(
        instancePath(firstUids),
        'multipart/related; type="application/dicom"',
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(
        /^multipart\/related; type="application\/dicom"; boundary=/,
      );
      const parts = await multipartParts(response);
      expect(parts).toHaveLength(1);
      expect(sha256(parts[0]!.bytes!)).toBe(sha256(first));
    });

    it('matches what Orthanc returns for the same instance (capture 22)', async () => {
      const orthanc = orthancFirstPart('22_wado_instance_native.txt');
      const response = await get(
        instancePath({ ...firstUids, sop: ORTHANC_CAPTURED_SOP }),
        'multipart/related; type="application/dicom"',
      );
      const [ours] = await multipartParts(response);
      expect(ours!.bytes!.length).toBe(orthanc.length);
      expect(dotted(ours!.bytes!, 200)).toBe(orthanc.prefix);
    });

    it('streams a whole series of 108 slices in instance order', async () => {
      const response = await get(`/studies/${firstUids.study}/series/${firstUids.series}`);
      const parts = await multipartParts(response);
      expect(parts).toHaveLength(108);
      expect(new Set(parts.map((p) => sha256(p.bytes!)))).toEqual(
        new Set(headCt.map((bytes) => sha256(bytes))),
      );
    });

    it('serves compressed instances only as stored, and names them in a 406', async () => {
      const jlsUids = uidsOf(jls);
      const asStored = await get(
        instancePath(jlsUids),
        'multipart/related; type="application/dicom"; transfer-syntax=*',
      );
      const [part] = await multipartParts(asStored);
      expect(sha256(part!.bytes!)).toBe(sha256(jls));

      const refused = await get(
        instancePath(jlsUids),
        'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1',
      );
      expect(refused.status).toBe(406);
      expect(((await refused.json()) as { message: string }).message).toContain(
        'JPEG-LS Lossless (1.2.840.10008.1.2.4.80)',
      );
    });

    it('answers a bare application/dicom with the single object', async () => {
      const response = await get(instancePath(firstUids), 'application/dicom');
      expect(response.headers.get('content-type')).toBe('application/dicom');
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(first));
    });

    it("answers 404 naming an unknown UID, and hides another site's study", async () => {
      const unknown = await get(
        `/studies/${firstUids.study}/series/${firstUids.series}/instances/1.2.3`,
      );
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { message: string }).message).toContain('1.2.3');

      archive.actAs(archive.otherSiteDoctor);
      try {
        const hidden = await get(instancePath(firstUids));
        expect(hidden.status).toBe(404);
        expect(((await hidden.json()) as { message: string }).message).toContain(firstUids.study);
      } finally {
        archive.actAs(archive.doctor);
      }
      const denied = await archive.db.auditEvent.count({
        where: { action: 'study.retrieve', outcome: 'denied', studyInstanceUid: firstUids.study },
      });
      expect(denied).toBe(1);
    });

    it('audits each retrieve once, with keys and counts only', async () => {
      const before = await archive.db.auditEvent.count({ where: { action: 'study.retrieve' } });
      await (await get(`/studies/${firstUids.study}/series/${firstUids.series}`)).arrayBuffer();
      const after = await archive.db.auditEvent.findMany({
        where: { action: 'study.retrieve' },
        orderBy: { id: 'asc' },
      });
      expect(after).toHaveLength(before + 1);
      expect(JSON.stringify(after.at(-1)!.details)).not.toMatch(/PatientName|Anonymized/i);
    });
  });

  describe('metadata and bulk data', () => {
    it('answers series metadata of 108 instances with the attributes Orthanc gives', async () => {
      const response = await get(`/studies/${firstUids.study}/series/${firstUids.series}/metadata`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/dicom+json');
      const ours = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
      expect(ours).toHaveLength(108);

      const capture = '20_wado_instance_metadata.txt';
      const [sop] = orthancValue(capture, '00080018');
      const same = ours.find((d) => d['00080018']!.Value![0] === sop)!;
      for (const tag of ['00080005', '00080008', '00080016', '00080020', '00080030']) {
        expect(same[tag]!.Value, tag).toEqual(orthancValue(capture, tag));
      }
    });

    it('serves the Pixel Data BulkDataURI as the native frame', async () => {
      const response = await get(`${instancePath(firstUids)}/metadata`);
      const [dataSet] = (await response.json()) as Array<Record<string, { BulkDataURI?: string }>>;
      const uri = dataSet!['7FE00010']!.BulkDataURI!;
      expect(uri).toBe(`${archive.base}${instancePath(firstUids)}/bulk/7FE00010`);

      const [part] = await multipartParts(await fetch(uri));
      const [frame] = getFrames(first, parseInstance(first), [1]);
      expect(sha256(part!.bytes!)).toBe(sha256(frame!));
    });
  });

  describe('frames', () => {
    it('returns a native frame as Orthanc does (capture 25)', async () => {
      const orthanc = orthancFirstPart('25_wado_frame_uncompressed.txt');
      const response = await get(
        `${instancePath({ ...firstUids, sop: ORTHANC_CAPTURED_SOP })}/frames/1`,
        'multipart/related; type="application/octet-stream"',
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('transfer-syntax=1.2.840.10008.1.2.1');
      const [ours] = await multipartParts(response);
      expect(ours!.bytes!.length).toBe(orthanc.length);
      expect(dotted(ours!.bytes!, 200)).toBe(orthanc.prefix.slice(0, 200));
    });

    it('returns a JPEG-LS frame as image/jls, byte for byte as stored', async () => {
      const response = await get(
        `${instancePath(uidsOf(jls))}/frames/1`,
        'multipart/related; type="image/jls"',
      );
      expect(response.status).toBe(200);
      const [ours] = await multipartParts(response);
      expect(ours!.headers['content-type']).toBe(
        'image/jls; transfer-syntax=1.2.840.10008.1.2.4.80',
      );
      const [stored] = getFrames(jls, parseInstance(jls), [1]);
      expect(sha256(ours!.bytes!)).toBe(sha256(stored!));
    });

    it.each(Object.keys(compressed))(
      'decodes a %s frame to the native pixels of the same slice',
      async (name) => {
        const bytes = compressed[name as keyof typeof compressed];
        const response = await get(
          `${instancePath(uidsOf(bytes))}/frames/1`,
          'multipart/related; type="application/octet-stream"',
        );
        expect(response.status).toBe(200);
        const [ours] = await multipartParts(response);
        const twin = headCt[twinOf[name as keyof typeof twinOf]]!;
        const [native] = getFrames(twin, parseInstance(twin), [1]);
        expect(sha256(ours!.bytes!)).toBe(sha256(native!));
      },
    );

    it('swaps big endian frames to little endian', async () => {
      const response = await get(`${instancePath(uidsOf(bigEndian))}/frames/1`);
      const [ours] = await multipartParts(response);
      const [little] = getFrames(littleTwin, parseInstance(littleTwin), [1]);
      expect(sha256(ours!.bytes!)).toBe(sha256(little!));
    });

    it('answers 406 naming what it serves, 404 for no such frame, 400 for a bad list', async () => {
      const refused = await get(
        `${instancePath(firstUids)}/frames/1`,
        'multipart/related; type="image/jp2"',
      );
      expect(refused.status).toBe(406);
      expect(((await refused.json()) as { message: string }).message).toContain(
        'application/octet-stream',
      );
      expect((await get(`${instancePath(firstUids)}/frames/2`)).status).toBe(404);
      expect((await get(`${instancePath(firstUids)}/frames/one`)).status).toBe(400);
    });
  });

  describe('rendered', () => {
    it('renders a CT slice as JPEG, and windowed PNG like Orthanc (capture 29)', async () => {
      const jpeg = await get(`${instancePath(firstUids)}/rendered`, 'image/jpeg');
      expect(jpeg.status).toBe(200);
      expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await jpeg.arrayBuffer()).subarray(0, 2)).toEqual(
        Buffer.from([0xff, 0xd8]),
      );

      const png = await get(`${instancePath(firstUids)}/rendered?window=40,80,linear`, 'image/png');
      // Orthanc's capture keeps the header: "PNG image data, 256 x 256, 8-bit grayscale".
      const bytes = Buffer.from(await png.arrayBuffer());
      const ihdr = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
      expect(orthancBody('29_wado_rendered_png_window.txt').toString()).toContain(
        `${ihdr.width} x ${ihdr.height}, 8-bit grayscale`,
      );
      expect([bytes[24], bytes[25]]).toEqual([8, 0]);
    });

    it('renders a decoded JPEG-LS frame the same as its native twin', async () => {
      const native = await get(
        `${instancePath(firstUids)}/frames/1/rendered?window=40,80`,
        'image/png',
      );
      const decoded = await get(
        `${instancePath(uidsOf(jls))}/frames/1/rendered?window=40,80`,
        'image/png',
      );
      expect(decoded.status).toBe(200);
      const a = PNG.sync.read(Buffer.from(await native.arrayBuffer()));
      const b = PNG.sync.read(Buffer.from(await decoded.arrayBuffer()));
      expect(sha256(b.data)).toBe(sha256(a.data));
    });

    it('refuses a bad window with 400 and an unknown type with 406', async () => {
      expect((await get(`${instancePath(firstUids)}/rendered?window=40`)).status).toBe(400);
      expect((await get(`${instancePath(firstUids)}/rendered`, 'image/gif')).status).toBe(406);
    });
  });

  describe('WADO-URI', () => {
    const query = (u: Uids, extra: string) =>
      `${archive.origin}/wado?requestType=WADO&studyUID=${u.study}&seriesUID=${u.series}` +
      `&objectUID=${u.sop}${extra}`;

    it('returns the stored object for contentType=application/dicom', async () => {
      const response = await fetch(query(firstUids, '&contentType=application/dicom'));
      expect(response.headers.get('content-type')).toBe('application/dicom');
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(first));
    });

    it('renders JPEG by default and refuses missing UIDs', async () => {
      const response = await fetch(query(firstUids, ''));
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      const missing = await fetch(`${archive.origin}/wado?requestType=WADO&studyUID=1.2`);
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { message: string }).message).toContain('seriesUID');
    });
  });
});
