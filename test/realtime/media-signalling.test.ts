import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { openConsultation, signedInClient, type Client } from '../support/clients';

describe('media signalling over socket.io', () => {
  let database: TestDatabase;
  let server: TestServer;
  let doctor: Client;
  let neurologist: Client;
  let coordinator: Client;
  let caseId: string;

  const media = (client: Client, name: string, data: unknown = {}) =>
    new Promise<any>((resolve) =>
      client.socket.emit('media:request', { caseId, name, data }, resolve),
    );

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url, MEDIA_WORKERS: '1' });
    [doctor, neurologist, coordinator] = await Promise.all([
      signedInClient(server.url, 'urgence@chu-martinique.demo'),
      signedInClient(server.url, 'neuro@chu-guadeloupe.demo'),
      signedInClient(server.url, 'coordination@archipel.demo'),
    ]);
    caseId = await openConsultation(doctor, neurologist, { localId: 'MEDIA-1' });
  });
  afterAll(async () => {
    for (const client of [doctor, neurologist, coordinator]) client?.close();
    await server?.stop();
    await database?.drop();
  });

  it('lets both participants into the case room and gives them transports', async () => {
    const capabilities = await media(doctor, 'getRouterRtpCapabilities');
    expect(capabilities.ok).toBe(true);
    const mimeTypes = capabilities.data.codecs.map((c: { mimeType: string }) => c.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));

    for (const client of [doctor, neurologist]) {
      expect(await media(client, 'join', { rtpCapabilities: capabilities.data })).toMatchObject({
        ok: true,
      });
      const transport = await media(client, 'createTransport', { direction: 'send' });
      expect(transport.ok).toBe(true);
      expect(transport.data.iceCandidates.length).toBeGreaterThan(0);
    }
  });

  it('refuses anyone who does not take part in the case, and malformed requests', async () => {
    expect(await media(coordinator, 'getRouterRtpCapabilities')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(await media(doctor, 'teleport')).toMatchObject({ ok: false, reason: 'invalidRequest' });
    expect(await media(doctor, 'createTransport', { direction: 'sideways' })).toMatchObject({
      ok: false,
      reason: 'invalidRequest',
    });
  });

  it('tells the other peer when one leaves, and closes the room with the case', async () => {
    const left = new Promise<any>((resolve) =>
      neurologist.socket.on('media:notification', (n: { type: string }) => {
        if (n.type === 'peerLeft') resolve(n);
      }),
    );
    expect(await media(doctor, 'leave')).toMatchObject({ ok: true });
    expect((await left).caseId).toBe(caseId);

    const closed = new Promise<any>((resolve) =>
      neurologist.socket.on('media:notification', (n: { type: string }) => {
        if (n.type === 'roomClosed') resolve(n);
      }),
    );
    await doctor.api('POST', `/api/cases/${caseId}/transitions`, { to: 'CANCELLED' });
    expect((await closed).caseId).toBe(caseId);
  });
});
