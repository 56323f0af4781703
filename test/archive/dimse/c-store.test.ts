import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IMPLEMENTATION_CLASS_UID } from '@/server/archive/dimse/index.js';

import { peerArgs, requireDcmtk, runDcmtk, type DcmtkRun } from './support/dcmtk.js';
import {
  dicomFilesIn,
  readPart10,
  readPart10File,
  requireFixtureFolder,
} from './support/dicom-fixtures.js';
import {
  KNOWN_MODALITY,
  KNOWN_SITE,
  startTestServer,
  type TestServer,
} from './support/test-server.js';

describe('C-STORE of the 108-slice head CT with dcmtk storescu', () => {
  let archive: TestServer;
  let originals: string[];
  let run: DcmtkRun;
  let scratch: string;

  beforeAll(async () => {
    requireDcmtk();
    const folder = requireFixtureFolder('head-ct');
    originals = dicomFilesIn(folder);
    scratch = mkdtempSync(join(tmpdir(), 'archipel-dimse-'));
    archive = await startTestServer();

    const args = ['-v', ...peerArgs(archive.port, KNOWN_MODALITY), ...originals];
    run = await runDcmtk('storescu', args);
  });
  afterAll(async () => {
    await archive?.server.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('stores all 108 instances in one association', () => {
    expect(run.exitCode, run.output).toBe(0);
    expect(originals).toHaveLength(108);
    expect(archive.stored).toHaveLength(108);
    expect(archive.associationRequests).toHaveLength(1);
    expect(run.output.match(/Received Store Response \(Success\)/g)).toHaveLength(108);
  });

  it('hands the archive the site, AE title, UIDs and negotiated transfer syntax', () => {
    for (const request of archive.stored) {
      expect(request.context).toBe(KNOWN_SITE);
      expect(request.callingAE).toBe(KNOWN_MODALITY);
      expect(request.sopClassUID).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(request.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    }
    const instances = new Set(archive.stored.map((request) => request.sopInstanceUID));
    expect(instances.size).toBe(108);
  });

  it('keeps every data set byte-identical to the original file', () => {
    const byInstance = new Map(archive.stored.map((r) => [r.sopInstanceUID, r.part10]));

    for (const path of originals) {
      const original = readPart10File(path);
      const instanceUID = original.meta.get('0002,0003') as string;
      const received = byInstance.get(instanceUID);
      expect(received, `no stored instance for ${path}`).toBeDefined();

      const written = readPart10(received as Uint8Array);
      expect(Buffer.compare(written.dataSet, original.dataSet), path).toBe(0);
    }
  });

  it('writes the File Meta Information the archive promises', () => {
    const request = archive.stored[0];
    const written = readPart10(request.part10);

    expect(Buffer.from(request.part10.subarray(0, 128)).every((byte) => byte === 0)).toBe(true);
    expect(written.groupLength).toBe(written.dataSetOffset - 144);
    expect(written.meta.get('0002,0001')).toEqual(Buffer.from([0x00, 0x01]));
    expect(written.meta.get('0002,0002')).toBe(request.sopClassUID);
    expect(written.meta.get('0002,0003')).toBe(request.sopInstanceUID);
    expect(written.meta.get('0002,0010')).toBe('1.2.840.10008.1.2.1');
    expect(written.meta.get('0002,0012')).toBe(IMPLEMENTATION_CLASS_UID);
    expect(written.meta.get('0002,0013')).toBe('ARCHIPEL_1');
    expect(written.meta.get('0002,0016')).toBe(KNOWN_MODALITY);
  });

  it('writes Part 10 files that dcmdump reads', async () => {
    const path = join(scratch, 'stored.dcm');
    writeFileSync(path, archive.stored[0].part10);

    const dump = await runDcmtk('dcmdump', ['-E', path]);

    expect(dump.exitCode, dump.output).toBe(0);
    expect(dump.output).not.toMatch(/^E:/m);
    expect(dump.output).toContain('(0002,0013) SH [ARCHIPEL_1]');
    expect(dump.output).toContain(`(0002,0016) AE [${KNOWN_MODALITY}]`);
    expect(dump.output).toContain(`(0008,0018) UI [${archive.stored[0].sopInstanceUID}]`);
    expect(dump.output).toMatch(/\(7fe0,0010\) OW/);
  });

  it('never logs patient identity', () => {
    const logged = JSON.stringify(archive.log);

    expect(logged).not.toContain('INVESALIUS');
    expect(logged).not.toMatch(/INV00\d\d/);
    expect(archive.log.some((line) => line.fields.sopInstanceUID)).toBe(true);
  });
});
