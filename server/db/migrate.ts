import { migrationsDir, readMigrationList } from './migrations';
import { noFilter, openSchemaEngine } from './schema-engine';

/**
 * Applies every migration of prisma/migrations not yet applied to the database, recording
 * them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so an operator can
 * switch between this and the standard CLI.
 *
 * @returns the names of the migrations applied by this call
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(databaseUrl);

  try {
    const migrationsList = readMigrationList();
    if (migrationsList.migrationDirectories.length === 0) {
      throw new Error(`No migration found in ${migrationsDir}`);
    }
    const result = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}
