// Entry point: `npm start` (through scripts/start.mjs, which builds the pages first) or
// `npm run dev`. Reads the configuration, starts everything, stops cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config';
import { loadMediaConfig, MediaConfigError } from './media/config';
import { createLogger } from './logger';
import { startArchipel } from './server';

process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

let config;
try {
  config = loadConfig();
  loadMediaConfig();
} catch (error) {
  if (error instanceof ConfigError || error instanceof MediaConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}

const log = createLogger({ level: config.LOG_LEVEL, pretty: config.NODE_ENV === 'development' });
const server = await startArchipel(config, log).catch((error) => {
  log.fatal({ err: error }, 'Archipel could not start');
  process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'stopping');
    // A stuck connection must not keep a scanner's or a load balancer's restart waiting.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
