import pg from 'pg';
import { applyMigrations } from '../../server/db/migrate';

/**
 * The PostgreSQL server tests run against: TEST_DATABASE_URL, else the one on 127.0.0.1:5432
 * (CI and the development machines run one). Each suite gets a database of its own.
 */
export const serverUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `No PostgreSQL at ${serverUrl} (${(error as Error).message}). ` +
        'Start one or set TEST_DATABASE_URL to a server where tests may create databases.',
    );
  }
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `archipel_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (options.migrate ?? true) await applyMigrations(url.toString());

  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined),
  };
}
