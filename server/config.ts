import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * Every setting Archipel reads from the environment. README.md documents each one; a value
 * that does not parse stops the server with one line naming the variable.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SEED_DEMO: booleanFlag.optional(),
  SEED_DEMO_STUDIES: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  DICOM_PORT: z
    .string()
    .default('11112')
    .transform((value) => (value === 'off' ? undefined : Number(value)))
    .pipe(z.number().int().min(0).max(65535).optional()),
  DICOM_HOST: z.string().min(1).optional(),
  DICOM_AE_TITLE: z
    .string()
    .regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/, 'must be 1 to 16 printable characters, no backslash')
    .default('ARCHIPEL'),
  STOW_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 ** 3),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:-]{1,64}$/)
    .default('archipel'),
  INVITATION_TIMEOUT_SECONDS: z.coerce.number().positive().default(300),
  QUEUE_AMBER_MINUTES: z.coerce.number().positive().default(15),
  QUEUE_RED_MINUTES: z.coerce.number().positive().default(30),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config extends Environment {
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /** True when no DATABASE_URL is given and Archipel runs its own PostgreSQL. */
  embeddedDatabase: boolean;
  /** Whether the demo sites and users are loaded at start. */
  seedDemo: boolean;
  /** Whether the demo head CT is loaded into the archive at start. */
  seedDemoStudies: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Configuration error: ${variable} ${reason}`);
  }
}

/** Reads and validates the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(
      variable,
      `is invalid (${JSON.stringify(env[variable])}): ${issue.message}`,
    );
  }

  const environment = parsed.data;
  const embeddedDatabase = environment.DATABASE_URL === undefined;
  if (!embeddedDatabase && environment.NODE_ENV === 'production' && !environment.AUTH_SECRET) {
    throw new ConfigError(
      'AUTH_SECRET',
      'is required when DATABASE_URL is set (openssl rand -hex 32)',
    );
  }

  return {
    ...environment,
    dataDir: path.resolve(environment.DATA_DIR),
    embeddedDatabase,
    // A production database is never filled with demo accounts unless asked explicitly.
    seedDemo: environment.SEED_DEMO ?? embeddedDatabase,
    seedDemoStudies:
      environment.SEED_DEMO_STUDIES ??
      ((environment.SEED_DEMO ?? embeddedDatabase) && embeddedDatabase),
  };
}
