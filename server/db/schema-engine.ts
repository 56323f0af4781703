import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Opens Prisma's schema engine compiled to WebAssembly, connected through the pg driver
 * adapter. The native engine binary is downloaded from the internet by the Prisma CLI, which
 * closed hospital networks forbid; this engine ships inside an npm package.
 *
 * @param databaseUrl - postgres:// URL of the database to migrate
 * @param datamodel - the Prisma schema text, for commands that compare against it
 */
export async function openSchemaEngine(
  databaseUrl: string,
  datamodel?: { path: string; content: string },
): Promise<{ engine: SchemaEngine; close(): Promise<void> }> {
  // NOTE: the engine holds a PostgreSQL advisory lock for the session while it migrates; the
  // pool must be ended, not just dropped, or the next process to migrate waits for it.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const datamodels: [string, string][] | undefined = datamodel
    ? [[datamodel.path, datamodel.content]]
    : undefined;

  const Engine = await loadEngine();

  // The callback receives the engine's own log lines; they name tables, never rows.
  const engine: SchemaEngine = await Engine.new({ datamodels }, () => {}, adapter);
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}

export const noFilter = { externalTables: [], externalEnums: [] };

let loaded: typeof SchemaEngine | undefined;

// NOTE: the package's entry point imports its .wasm file as an ES module, which Node 20 only
// allows behind --experimental-wasm-modules; we instantiate it ourselves with the same glue.
async function loadEngine(): Promise<typeof SchemaEngine> {
  if (loaded) return loaded;

  const require = createRequire(import.meta.url);
  const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(glue), 'schema_engine_bg.wasm');
  const module = await WebAssembly.compile(await readFile(wasmPath));
  const instance = await WebAssembly.instantiate(module, {
    './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
  bindings.__wbg_set_wasm(exports);
  exports.__wbindgen_start();

  loaded = (bindings as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  return loaded;
}
