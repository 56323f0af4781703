import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { signedInClient, type Client } from '../support/clients';

// Two server processes on one database and one Redis, as behind a load balancer.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two server processes sharing Redis', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  let doctor: Client;
  let neurologist: Client;
  let coordinator: Client;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: `archipel-test-${process.pid}-${Date.now()}`,
    };
    first = await startTestServer(shared);
    second = await startTestServer(shared);
    doctor = await signedInClient(first.url, 'urgence@chu-martinique.demo');
    neurologist = await signedInClient(second.url, 'neuro@chu-guadeloupe.demo');
    coordinator = await signedInClient(second.url, 'coordination@archipel.demo');
    expect((await coordinator.emit('queue:subscribe')).ok).toBe(true);
  });
  afterAll(async () => {
    for (const client of [doctor, neurologist, coordinator]) client?.close();
    await first?.stop();
    await second?.stop();
    await database?.drop();
  });

  it('pushes queue changes, invitations and the leader’s view across processes', async () => {
    const queued = coordinator.next<{ caseId: string }>('case:changed');
    const opened = await doctor.api('POST', '/api/cases', {
      patient: { localId: 'LB-1', name: 'DOE^JANE' },
      priority: 'STROKE_ALERT',
      doorTime: new Date(Date.now() - 600_000).toISOString(),
      clinicalQuestion: 'Thrombolyse ?',
    });
    const caseId = opened.body.id as string;
    expect((await queued).caseId).toBe(caseId);

    const invited = neurologist.next<{ invitationId: string }>('invitation:new');
    await doctor.api('POST', `/api/cases/${caseId}/invitations`, { regionCode: 'GP' });
    const { invitationId } = await invited;
    await neurologist.api('POST', `/api/invitations/${invitationId}`, { response: 'accept' });

    const snapshot = (client: Client) =>
      client.next<{ type: string }>('session', (message) => message.type === 'snapshot');
    const doctorSnapshot = snapshot(doctor);
    doctor.socket.emit('session', { type: 'join', caseId, protocolVersion: 1 });
    await doctorSnapshot;
    const neurologistSnapshot = snapshot(neurologist);
    neurologist.socket.emit('session', { type: 'join', caseId, protocolVersion: 1 });
    await neurologistSnapshot;

    const view = {
      seriesInstanceUid: '1.2.3.4',
      sliceIndex: 61,
      voi: { windowCenter: 32, windowWidth: 8 },
      camera: {
        parallelScale: 120,
        focalPoint: [0, 0, 0],
        position: [0, 0, 100],
        viewUp: [0, -1, 0],
      },
      presetName: 'stroke',
    };
    const followed = neurologist.next<{ type: string; view: typeof view }>(
      'session',
      (message) => message.type === 'view',
    );
    doctor.socket.emit('session', { type: 'view', seq: 1, view });
    expect((await followed).view).toMatchObject({ sliceIndex: 61, voi: { windowCenter: 32 } });
  });
});
