import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.embeddedDatabase).toBe(true);
    expect(config.seedDemo).toBe(true);
  });

  it('never seeds demo accounts into a given database unless asked', () => {
    const env = { DATABASE_URL: 'postgres://db/archipel', AUTH_SECRET: 'x'.repeat(32) };
    expect(loadConfig(env).seedDemo).toBe(false);
    expect(loadConfig({ ...env, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/archipel' }],
    ['AUTH_SECRET', { AUTH_SECRET: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SEED_DEMO', { SEED_DEMO: 'perhaps' }],
    ['AUTH_SECRET', { DATABASE_URL: 'postgres://db/archipel', NODE_ENV: 'production' }],
  ])('refuses a bad %s with a message naming it', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });
});
