import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DimseStatus } from '@/server/archive/dimse/index.js';

import { peerArgs, requireDcmtk, runDcmtk } from './support/dcmtk.js';
import { dicomFilesIn, requireFixtureFolder } from './support/dicom-fixtures.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';

describe('C-STORE status reaches the modality', () => {
  let slices: string[];
  let archive: TestServer | undefined;

  beforeAll(() => {
    requireDcmtk();
    slices = dicomFilesIn(requireFixtureFolder('head-ct')).slice(0, 3);
  });
  afterEach(async () => {
    await archive?.server.close();
    archive = undefined;
  });

  it('shows an archive failure status and comment in storescu output', async () => {
    archive = await startTestServer({
      onStore: async () => ({
        status: DimseStatus.OutOfResources,
        comment: 'archive volume full',
      }),
    });

    const run = await runDcmtk('storescu', [
      '-d',
      ...peerArgs(archive.port, KNOWN_MODALITY),
      ...slices,
    ]);

    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(/DIMSE Status\s+: 0xa700: Refused: Out of resources/);
    expect(run.output).toContain('(0000,0902) LO [archive volume full]');
    // storescu halts after the first unsuccessful store unless told otherwise.
    expect(archive.stored).toHaveLength(1);
  });

  it('stores a resent instance again: duplicates are for the archive to judge', async () => {
    archive = await startTestServer();

    const run = await runDcmtk('storescu', [
      '-v',
      ...peerArgs(archive.port, KNOWN_MODALITY),
      slices[0],
      slices[0],
    ]);

    expect(run.output.match(/Received Store Response \(Success\)/g)).toHaveLength(2);
    expect(archive.stored).toHaveLength(2);
  });

  it('answers "duplicate SOP instance" when the archive says so', async () => {
    archive = await startTestServer({
      onStore: async () => ({ status: DimseStatus.DuplicateSOPInstance }),
    });

    const run = await runDcmtk('storescu', [
      '-d',
      '-nh',
      ...peerArgs(archive.port, KNOWN_MODALITY),
      ...slices,
    ]);

    expect(run.output.match(/DIMSE Status\s+: 0x0111/g)).toHaveLength(3);
    expect(archive.stored).toHaveLength(3);
  });

  it('refuses a data set larger than the message limit without calling the archive', async () => {
    archive = await startTestServer({ maxMessageBytes: 4096 });

    const run = await runDcmtk('storescu', [
      '-v',
      ...peerArgs(archive.port, KNOWN_MODALITY),
      slices[0],
    ]);

    expect(run.output).toContain('Received Store Response (Refused: OutOfResources)');
    expect(archive.stored).toHaveLength(0);
    expect(
      archive.log.some((line) => line.message?.includes('exceeds the message size limit')),
    ).toBe(true);
  });

  it('answers "out of resources" when the archive throws, without leaking the error', async () => {
    archive = await startTestServer({
      onStore: async () => {
        throw new Error('EACCES /var/lib/archipel/secret-path');
      },
    });

    const run = await runDcmtk('storescu', [
      '-d',
      ...peerArgs(archive.port, KNOWN_MODALITY),
      slices[0],
    ]);

    expect(run.output).toMatch(/DIMSE Status\s+: 0xa700/);
    expect(run.output).toContain('(0000,0902) LO [Archive could not store instance]');
    expect(run.output).not.toContain('secret-path');
    expect(
      archive.log.some((line) => line.level === 'error' && line.message === 'onStore failed'),
    ).toBe(true);
  });
});
