import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getFrames, parseInstance } from '@/server/archive/dicom/index.js';
import {
  dicomFile,
  dicomFolder,
  startArchiveUnderTest,
  type ArchiveUnderTest,
} from '../wado/support/archive-under-test';

// NOTE: dicomweb-client 0.11 speaks XMLHttpRequest, which Node lacks; xhr2 (a test-only
// dev dependency) provides it as a global for this file only.
const require = createRequire(import.meta.url);
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= require('xhr2');
const { api } = require('dicomweb-client') as {
  api: { DICOMwebClient: new (options: { url: string }) => DicomwebClient };
};

interface DicomwebClient {
  searchForStudies(options?: object): Promise<Array<Record<string, { Value?: unknown[] }>>>;
  retrieveSeriesMetadata(options: object): Promise<Array<Record<string, { Value?: unknown[] }>>>;
  retrieveInstanceFrames(options: object): Promise<ArrayBuffer[]>;
  retrieveInstance(options: object): Promise<ArrayBuffer>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('dicomweb-client against the archive', () => {
  let archive: ArchiveUnderTest;
  let client: DicomwebClient;
  const headCt = dicomFolder('head-ct').map(dicomFile);
  const parsed = parseInstance(headCt[5]!);
  const uids = {
    studyInstanceUID: parsed.StudyInstanceUID,
    seriesInstanceUID: parsed.SeriesInstanceUID,
  };

  beforeAll(async () => {
    archive = await startArchiveUnderTest();
    expect((await archive.stow(headCt)).status).toBe(200);
    client = new api.DICOMwebClient({ url: archive.base });
  });
  afterAll(async () => {
    await archive?.close();
  });

  it('finds the study with searchForStudies', async () => {
    const studies = await client.searchForStudies();
    expect(studies.map((s) => s['0020000D']!.Value![0])).toContain(uids.studyInstanceUID);
  });

  it('reads series metadata with retrieveSeriesMetadata', async () => {
    const metadata = await client.retrieveSeriesMetadata(uids);
    expect(metadata).toHaveLength(108);
  });

  it('retrieves a frame whose bytes are the stored frame', async () => {
    const [frame] = await client.retrieveInstanceFrames({
      ...uids,
      sopInstanceUID: parsed.SOPInstanceUID,
      frameNumbers: [1],
    });
    const [stored] = getFrames(headCt[5]!, parsed, [1]);
    expect(sha256(new Uint8Array(frame!))).toBe(sha256(stored!));
  });

  it('retrieves the instance byte for byte', async () => {
    const instance = await client.retrieveInstance({
      ...uids,
      sopInstanceUID: parsed.SOPInstanceUID,
    });
    expect(sha256(new Uint8Array(instance))).toBe(sha256(headCt[5]!));
  });
});
