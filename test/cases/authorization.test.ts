import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { openConsultation, signedInClient, type Client } from '../support/clients';

// Who may read a case opened at CHU de Martinique whose specialist is the Guadeloupe
// neurologist: [email, why, may read]
const MATRIX: [string, string, boolean][] = [
  ['urgence@chu-martinique.demo', 'requester, own site', true],
  ['neuro@chu-martinique.demo', 'clinician of the same site', true],
  ['neuro@chu-guadeloupe.demo', 'participant from another site', true],
  ['coordination@archipel.demo', 'coordinator, every site', true],
  ['urgence@ch-cayenne.demo', 'emergency physician of another site', false],
  ['radio@ch-cayenne.demo', 'radiologist of another site', false],
  ['admin@archipel.demo', 'administrator', false],
];

describe('who reads a case, over HTTP and socket.io', () => {
  let database: TestDatabase;
  let server: TestServer;
  const clients = new Map<string, Client>();
  let caseId: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
    for (const [email] of MATRIX) clients.set(email, await signedInClient(server.url, email));

    caseId = await openConsultation(
      clients.get('urgence@chu-martinique.demo')!,
      clients.get('neuro@chu-guadeloupe.demo')!,
      { localId: 'AUTH-1', clinicalQuestion: 'Hémorragie ?' },
    );
  });
  afterAll(async () => {
    for (const client of clients.values()) client.close();
    await server?.stop();
    await database?.drop();
  });

  it.each(MATRIX)('%s (%s) may read: %s', async (email, _why, mayRead) => {
    const client = clients.get(email)!;

    const detail = await client.api('GET', `/api/cases/${caseId}`);
    expect(detail.status).toBe(mayRead ? 200 : 403);
    // Only the people caring for the patient see who it is; coordinators see initials.
    const identified = mayRead && !email.startsWith('coordination');
    expect(JSON.stringify(detail.body ?? {}).includes('DOE')).toBe(identified);
    if (email.startsWith('coordination')) expect(detail.body.patient.name).toBe('D.^J.');

    const message = await client.api('POST', `/api/cases/${caseId}/messages`, { body: 'ok' });
    expect(message.status).toBe(mayRead ? 201 : 403);

    const subscribed = await client.emit('case:subscribe', { caseId });
    expect(subscribed.ok).toBe(mayRead);

    const row = await client.emit('queue:row', { caseId });
    expect(row.data !== null).toBe(mayRead);

    const list = await client.api('GET', '/api/cases');
    expect((list.body as { id: string }[]).some((c) => c.id === caseId)).toBe(mayRead);
  });

  it('refuses unauthenticated API calls and malformed socket events', async () => {
    expect((await fetch(`${server.url}/api/cases/${caseId}`)).status).toBe(401);
    const doctor = clients.get('urgence@chu-martinique.demo')!;
    expect(await doctor.emit('queue:row', { caseId: 42 })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
    expect(await doctor.emit('case:subscribe', { caseId: 'nope' })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
  });

  it('writes every read of the case to the audit trail', async () => {
    const admin = clients.get('admin@archipel.demo')!;
    expect((await admin.api('GET', `/api/cases/${caseId}`)).status).toBe(403);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT outcome, count(*)::int AS n FROM "AuditEvent" WHERE "caseId" = $1 AND action = 'case.read' GROUP BY outcome`,
      [caseId],
    );
    await client.end();
    const counts = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
    expect(counts.success).toBeGreaterThanOrEqual(4);
    expect(counts.denied).toBeGreaterThanOrEqual(4);
  });
});
