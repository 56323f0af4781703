import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { applyMigrations } from '../../server/db/migrate';
import { readMigrationList } from '../../server/db/migrations';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('migrations through the WebAssembly schema engine', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database?.drop());

  it('applies every committed migration once, recorded as prisma migrate deploy does', async () => {
    const committed = readMigrationList().migrationDirectories.map((dir) => dir.path);
    expect(await applyMigrations(database.url)).toEqual(committed);
    expect(await applyMigrations(database.url)).toEqual([]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    const tables = await client.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('User', 'Study', 'AuditEvent')",
    );
    await client.end();

    expect(rows.map((row) => row.migration_name)).toEqual(committed);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at)).toBe(true);
    expect(tables.rows[0].n).toBe(3);
  });
});
