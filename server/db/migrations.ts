import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');

/** The migrations folder in the shape the schema engine expects, read from disk. */
export function readMigrationList() {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const names = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: readMigrationFile(path.join(migrationsDir, name, 'migration.sql')),
      },
    })),
  };
}

function readMigrationFile(file: string) {
  try {
    return { tag: 'ok' as const, value: readFileSync(file, 'utf8') };
  } catch (error) {
    return { tag: 'error' as const, value: (error as Error).message };
  }
}
