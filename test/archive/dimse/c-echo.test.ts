import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { peerArgs, requireDcmtk, runDcmtk } from './support/dcmtk.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';

describe('C-ECHO with dcmtk echoscu', () => {
  let archive: TestServer;

  beforeAll(async () => {
    requireDcmtk();
    archive = await startTestServer();
  });
  afterAll(() => archive?.server.close());

  it('answers a known modality with success', async () => {
    const run = await runDcmtk('echoscu', ['-v', ...peerArgs(archive.port, KNOWN_MODALITY)]);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('Received Echo Response (Success)');
    expect(archive.associationRequests).toEqual([
      { callingAE: KNOWN_MODALITY, calledAE: 'ARCHIPEL', remoteAddress: '127.0.0.1' },
    ]);
  });

  it('logs the association with its id and AE titles', async () => {
    const accepted = archive.log.find((line) => line.message === '--> A-ASSOCIATE-AC');

    expect(accepted?.fields).toMatchObject({ callingAE: KNOWN_MODALITY, calledAE: 'ARCHIPEL' });
    expect(accepted?.fields.association).toMatch(/^[0-9a-f-]{36}$/);
  });
});
