import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TransferSyntax } from '@/server/archive/dimse/index.js';

import { peerArgs, requireDcmtk, runDcmtk } from './support/dcmtk.js';
import {
  dicomFilesIn,
  readPart10,
  readPart10File,
  requireFixtureFolder,
} from './support/dicom-fixtures.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';

/**
 * Each compressed copy of the head CT, with the storescu option that proposes its syntax.
 * -R proposes only the contexts the files need, so storescu cannot fall back to sending
 * a decompressed copy on an uncompressed context.
 */
const SERIES = [
  { folder: 'jpegls-lossless', option: '-xt', syntax: TransferSyntax.JPEGLSLossless, count: 108 },
  { folder: 'j2k-lossless', option: '-xv', syntax: TransferSyntax.JPEG2000Lossless, count: 108 },
  { folder: 'rle', option: '-xr', syntax: TransferSyntax.RLELossless, count: 24 },
  { folder: 'jpeg-lossless-sv1', option: '-xs', syntax: TransferSyntax.JPEGLosslessSV1, count: 24 },
];

describe.each(SERIES)('C-STORE of the head CT in $folder ($syntax)', (series) => {
  let archive: TestServer;
  let originals: string[];
  let output: string;
  let exitCode: number;

  beforeAll(async () => {
    requireDcmtk();
    originals = dicomFilesIn(requireFixtureFolder(`head-ct-compressed/${series.folder}`));
    archive = await startTestServer();

    const run = await runDcmtk('storescu', [
      '-v',
      '-R',
      series.option,
      ...peerArgs(archive.port, KNOWN_MODALITY),
      ...originals,
    ]);
    ({ output, exitCode } = run);
  });
  afterAll(() => archive?.server.close());

  it('stores every slice in the negotiated compressed syntax', () => {
    expect(exitCode, output).toBe(0);
    expect(originals).toHaveLength(series.count);
    expect(archive.stored).toHaveLength(series.count);
    for (const request of archive.stored) {
      expect(request.transferSyntaxUID).toBe(series.syntax);
      expect(readPart10(request.part10).meta.get('0002,0010')).toBe(series.syntax);
    }
  });

  it('keeps the compressed data sets byte-identical to the original files', () => {
    const byInstance = new Map(archive.stored.map((r) => [r.sopInstanceUID, r.part10]));

    for (const path of originals) {
      const original = readPart10File(path);
      const received = byInstance.get(original.meta.get('0002,0003') as string);
      expect(received, `no stored instance for ${path}`).toBeDefined();
      expect(Buffer.compare(readPart10(received as Uint8Array).dataSet, original.dataSet)).toBe(0);
    }
  });
});
