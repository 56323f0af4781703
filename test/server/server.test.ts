import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { createDatabase } from '../../server/db/client';
import { createApiToken } from '../../server/auth/api-tokens';
import { adminQuery, createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { signInOverHttp } from '../support/session';

function handshake(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ connected: boolean; error?: string; socket: Socket }>((resolve) => {
    const socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: false,
    });
    socket.once('connect', () => resolve({ connected: true, socket }));
    socket.once('connect_error', (error) =>
      resolve({ connected: false, error: error.message, socket }),
    );
  });
}

describe('the server on a real PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('reports itself healthy', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('sends a visitor without a session to the sign-in page', async () => {
    const response = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toMatch(/\/signin$/);
  });

  it('refuses a wrong password without a session cookie', async () => {
    const result = await signInOverHttp(
      server.url,
      'urgence@chu-martinique.demo',
      'wrong-password',
    );
    expect(result.session).toBeUndefined();
    expect(result.location).toContain('error=CredentialsSignin');
  });

  it('refuses a socket.io handshake without a session', async () => {
    const anonymous = await handshake(server.url);
    expect(anonymous).toMatchObject({ connected: false, error: 'unauthorized' });

    const forged = await handshake(server.url, { cookie: 'authjs.session-token=forged' });
    expect(forged).toMatchObject({ connected: false, error: 'unauthorized' });
  });

  it('accepts a socket.io handshake with the session of a signed-in user', async () => {
    const { session } = await signInOverHttp(
      server.url,
      'neuro@chu-guadeloupe.demo',
      'archipel-demo',
    );
    expect(session).toBeDefined();

    const result = await handshake(server.url, { cookie: session! });
    expect(result.connected).toBe(true);
    result.socket.disconnect();
  });

  it('accepts API clients with a bearer token', async () => {
    const db = createDatabase(database.url);
    const user = await db.user.findUniqueOrThrow({
      where: { email: 'urgence@chu-martinique.demo' },
    });
    const { token } = await createApiToken(db, {
      name: 'test',
      userId: user.id,
      createdById: user.id,
    });
    await db.$disconnect();

    const result = await handshake(server.url, { authorization: `Bearer ${token}` });
    expect(result.connected).toBe(true);
    result.socket.disconnect();
  });

  it('answers 503 while the database is unreachable, and recovers', async () => {
    await adminQuery(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`,
    );
    try {
      const down = await fetch(`${server.url}/api/health`);
      expect(down.status).toBe(503);
    } finally {
      await adminQuery(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
    }
    const up = await fetch(`${server.url}/api/health`);
    expect(up.status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    const second = await startTestServer({ DATABASE_URL: database.url });
    expect(await second.stop('SIGTERM')).toBe(0);
  });
});

describe('the embedded default', () => {
  it('starts its own PostgreSQL with the demo sites and users when DATABASE_URL is unset', async () => {
    const server = await startTestServer({ DATABASE_URL: undefined, SEED_DEMO: undefined });
    try {
      const { session } = await signInOverHttp(
        server.url,
        'coordination@archipel.demo',
        'archipel-demo',
      );
      expect(session).toBeDefined();
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
