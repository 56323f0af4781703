import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { peerArgs, requireDcmtk, runDcmtk } from './support/dcmtk.js';
import { dicomFilesIn, requireFixtureFolder } from './support/dicom-fixtures.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';

describe('association refusal by AE title', () => {
  let archive: TestServer;
  let slice: string;

  beforeAll(async () => {
    requireDcmtk();
    slice = dicomFilesIn(requireFixtureFolder('head-ct'))[0];
    archive = await startTestServer();
  });
  afterAll(() => archive?.server.close());

  it('refuses an unknown calling AE title: permanent, service user, reason 3', async () => {
    const run = await runDcmtk('storescu', ['-v', ...peerArgs(archive.port, 'INTRUDER'), slice]);

    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain('Association Rejected');
    expect(run.output).toContain('Result: Rejected Permanent, Source: Service User');
    expect(run.output).toContain('Reason: Calling AE Title Not Recognized');
    expect(archive.stored).toHaveLength(0);
    expect(archive.associationRequests.at(-1)?.callingAE).toBe('INTRUDER');
  });

  it('refuses a called AE title other than its own with reason 7', async () => {
    const run = await runDcmtk('echoscu', peerArgs(archive.port, KNOWN_MODALITY, 'OTHER_PACS'));

    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain('Association Rejected');
    expect(run.output).toContain('Reason: Called AE Title Not Recognized');
  });

  it('lets the archive refuse by called AE title too', async () => {
    const picky = await startTestServer({
      acceptAssociation: async () => ({ accept: false, reason: 'called-ae-not-recognized' }),
    });
    try {
      const run = await runDcmtk('echoscu', peerArgs(picky.port, KNOWN_MODALITY));
      expect(run.output).toContain('Reason: Called AE Title Not Recognized');
    } finally {
      await picky.server.close();
    }
  });

  it('refuses transiently when the archive cannot decide', async () => {
    const broken = await startTestServer({
      acceptAssociation: async () => {
        throw new Error('site registry unreachable');
      },
    });
    try {
      const run = await runDcmtk('echoscu', peerArgs(broken.port, KNOWN_MODALITY));
      expect(run.exitCode).not.toBe(0);
      expect(run.output).toContain('Result: Rejected Transient, Source: Service User');
      expect(broken.log.some((line) => line.message === 'acceptAssociation failed')).toBe(true);
    } finally {
      await broken.server.close();
    }
  });
});
