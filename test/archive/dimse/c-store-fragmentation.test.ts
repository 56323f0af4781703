import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { peerArgs, requireDcmtk, runDcmtk, type DcmtkRun } from './support/dcmtk.js';
import {
  dicomFilesIn,
  readPart10,
  readPart10File,
  requireFixtureFolder,
} from './support/dicom-fixtures.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';

describe('C-STORE with the smallest maximum PDU length', () => {
  let archive: TestServer;
  let slices: string[];
  let run: DcmtkRun;

  beforeAll(async () => {
    requireDcmtk();
    slices = dicomFilesIn(requireFixtureFolder('head-ct')).slice(0, 10);
    archive = await startTestServer({ maxPduLength: 4096 });

    run = await runDcmtk('storescu', ['-v', ...peerArgs(archive.port, KNOWN_MODALITY), ...slices]);
  });
  afterAll(() => archive?.server.close());

  it('makes storescu cut each 128 KiB data set into 4 KiB fragments', () => {
    expect(run.exitCode, run.output).toBe(0);
    // dcmtk keeps 12 of the advertised 4096 bytes for PDU and PDV headers.
    expect(run.output).toContain('Association Accepted (Max Send PDV: 4084)');
  });

  it('reassembles every data set byte for byte', () => {
    expect(archive.stored).toHaveLength(slices.length);
    slices.forEach((path, index) => {
      const original = readPart10File(path);
      const written = readPart10(archive.stored[index].part10);
      expect(Buffer.compare(written.dataSet, original.dataSet), path).toBe(0);
    });
  });
});
