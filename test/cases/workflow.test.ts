import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { signedInClient, type Client } from '../support/clients';
import { SHARED_DIR } from '../support/shared';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const strokeCase = (overrides: Record<string, unknown> = {}) => ({
  patient: {
    localId: `P-${Math.random().toString(36).slice(2, 8)}`,
    name: 'MÉNARD^Hélène',
    birthDate: '1958-03-02',
    sex: 'F',
  },
  priority: 'STROKE_ALERT',
  doorTime: minutesAgo(20),
  lastKnownWell: minutesAgo(95),
  nihssOnArrival: 14,
  clinicalQuestion: 'Thrombolyse ?',
  ...overrides,
});

describe('urgent cases, invitations and the live queue', () => {
  let database: TestDatabase;
  let server: TestServer;
  let doctor: Client;
  let neurologist: Client;
  let coordinator: Client;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url, INVITATION_TIMEOUT_SECONDS: '3' });
    [doctor, neurologist, coordinator] = await Promise.all([
      signedInClient(server.url, 'urgence@chu-martinique.demo'),
      signedInClient(server.url, 'neuro@chu-guadeloupe.demo'),
      signedInClient(server.url, 'coordination@archipel.demo'),
    ]);
    expect((await coordinator.emit('queue:subscribe')).ok).toBe(true);
  });
  afterAll(async () => {
    for (const client of [doctor, neurologist, coordinator]) client?.close();
    await server?.stop();
    await database?.drop();
  });

  it('runs the story: open, invite the on-call neurologist, accept, chat', async () => {
    const queueUpdate = coordinator.next<{ caseId: string }>('case:changed');
    const opened = await doctor.api('POST', '/api/cases', strokeCase());
    expect(opened.status).toBe(201);
    const caseId = opened.body.id;
    expect((await queueUpdate).caseId).toBe(caseId);

    const row = await coordinator.emit('queue:row', { caseId });
    expect(row.data).toMatchObject({
      priority: 'STROKE_ALERT',
      status: 'NEW',
      site: { code: 'CHUM' },
    });
    expect(JSON.stringify(row.data)).not.toContain('MÉNARD');

    const notification = neurologist.next<{ caseId: string; invitationId: string }>(
      'invitation:new',
    );
    const invited = await doctor.api('POST', `/api/cases/${caseId}/invitations`, {
      regionCode: 'GP',
    });
    expect(invited.status).toBe(201);
    const invitation = await notification;
    expect(invitation.caseId).toBe(caseId);

    // Before accepting, a neurologist of another site reads nothing of the patient.
    expect((await neurologist.api('GET', `/api/cases/${caseId}`)).status).toBe(403);

    const accepted = await neurologist.api('POST', `/api/invitations/${invitation.invitationId}`, {
      response: 'accept',
    });
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED' });
    const again = await neurologist.api('POST', `/api/invitations/${invitation.invitationId}`, {
      response: 'accept',
    });
    expect(again.status).toBe(409);

    const detail = await neurologist.api('GET', `/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'IN_CONSULTATION',
      myRole: 'SPECIALIST',
      patient: { name: 'MÉNARD^Hélène' },
    });
    expect(detail.body.clocks.doorToSpecialist).toBeGreaterThanOrEqual(19);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'invitation.sent',
      'invitation.accepted',
    ]);

    expect((await doctor.emit('case:subscribe', { caseId })).ok).toBe(true);
    const line = doctor.next<{ body: string }>('case:message');
    expect(
      (
        await neurologist.api('POST', `/api/cases/${caseId}/messages`, {
          body: 'Je regarde le scanner.',
        })
      ).status,
    ).toBe(201);
    expect((await line).body).toBe('Je regarde le scanner.');

    await neurologist.api('POST', `/api/cases/${caseId}/times`, {
      decisionAt: new Date().toISOString(),
    });
    expect(
      (await neurologist.api('POST', `/api/cases/${caseId}/transitions`, { to: 'REPORTED' }))
        .status,
    ).toBe(200);
    expect(
      (await doctor.api('POST', `/api/cases/${caseId}/transitions`, { to: 'CLOSED' })).status,
    ).toBe(200);
  });

  it('orders the queue by priority, then by waiting time', async () => {
    const routine = await doctor.api(
      'POST',
      '/api/cases',
      strokeCase({ priority: 'ROUTINE', doorTime: minutesAgo(200), lastKnownWell: undefined }),
    );
    const alert = await doctor.api(
      'POST',
      '/api/cases',
      strokeCase({ doorTime: minutesAgo(5), lastKnownWell: undefined }),
    );
    const older = await doctor.api(
      'POST',
      '/api/cases',
      strokeCase({ doorTime: minutesAgo(50), lastKnownWell: undefined }),
    );

    const queue = (await coordinator.api('GET', '/api/cases')).body as {
      id: string;
      waitLevel: string;
    }[];
    const order = queue
      .map((row) => row.id)
      .filter((id) => [routine, alert, older].some((c) => c.body.id === id));
    expect(order).toEqual([older.body.id, alert.body.id, routine.body.id]);
    expect(queue.find((row) => row.id === older.body.id)!.waitLevel).toBe('red');
  });

  it('sends an unanswered invitation to the coordinators when it expires', async () => {
    const opened = await doctor.api('POST', '/api/cases', strokeCase());
    const caseId = opened.body.id;
    const invited = await doctor.api('POST', `/api/cases/${caseId}/invitations`, {
      regionCode: 'GP',
    });
    expect(invited.status).toBe(201);

    // The sweep runs every few seconds; the row then shows the case needs a coordinator.
    await expect
      .poll(async () => (await coordinator.emit('queue:row', { caseId })).data.invitation.status, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe('EXPIRED');
    const row = await coordinator.emit('queue:row', { caseId });
    expect(row.data).toMatchObject({ needsCoordinator: true, invitation: { status: 'EXPIRED' } });

    // The coordinator re-invites another neurologist.
    const neurologists = (await coordinator.api('GET', '/api/neurologists')).body as {
      id: string;
      name: string;
    }[];
    const other = neurologists.find((n) => n.name === 'Dr Claire Olive')!;
    expect(
      (await coordinator.api('POST', `/api/cases/${caseId}/invitations`, { inviteeId: other.id }))
        .status,
    ).toBe(201);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = ((await coordinator.api('GET', '/api/cases')).body as unknown[]).length;
    const cases = [
      [{ priority: 'STROKE_ALERT' }, 422, 'incomplete'],
      [strokeCase({ doorTime: new Date(Date.now() + 3600_000).toISOString() }), 422, 'incomplete'],
      [strokeCase({ studyInstanceUids: ['1.2.3.4.5'] }), 422, 'No study 1.2.3.4.5'],
      ['{not json', 400, 'JSON'],
    ] as const;
    for (const [body, status, message] of cases) {
      const answer = await doctor.api('POST', '/api/cases', body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.message).toContain(message);
    }
    expect(((await coordinator.api('GET', '/api/cases')).body as unknown[]).length).toBe(before);

    const opened = await doctor.api('POST', '/api/cases', strokeCase());
    const nobody = await doctor.api('POST', `/api/cases/${opened.body.id}/invitations`, {
      inviteeId: 'nobody',
    });
    expect(nobody.status).toBe(422);
    const requester = (await doctor.api('GET', `/api/cases/${opened.body.id}`)).body
      .participants[0];
    const notNeuro = await doctor.api('POST', `/api/cases/${opened.body.id}/invitations`, {
      inviteeId: requester.id,
    });
    expect(notNeuro.status).toBe(422);
    expect(notNeuro.body.message).toContain('not a neurologist');
    expect((await doctor.api('GET', `/api/cases/${opened.body.id}`)).body.status).toBe('NEW');
  });

  it('attaches a CT that arrives from the scanner after the case was opened', async () => {
    const opened = await doctor.api(
      'POST',
      '/api/cases',
      strokeCase({ patient: { localId: 'INV0051', name: 'INVESALIUS^CRANIUM' } }),
    );
    const caseId = opened.body.id;
    await promisify(execFile)(
      'storescu',
      [
        '-aet',
        'CHUM_CT1',
        '-aec',
        'ARCHIPEL',
        '+sd',
        '127.0.0.1',
        String(server.dimsePort),
        path.join(SHARED_DIR, 'dicom', 'head-ct'),
      ],
      { maxBuffer: 1 << 24 },
    );

    const detail = (await doctor.api('GET', `/api/cases/${caseId}`)).body;
    expect(detail.studies).toHaveLength(1);
    expect(detail.studies[0].numberOfInstances).toBe(108);
    expect(detail.clocks.doorToCt).toBeGreaterThanOrEqual(19);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toContain('ct.available');
  });
});
