import type { Logger } from '../logger';
import { loadMediaConfig, type MediaConfig } from './config';
import { MediaWorkerBinaryMissing } from './errors';
import { MediaWorkerPool } from './workers';

/**
 * Starts the mediasoup workers for this server. Without a worker binary the platform still
 * runs (images, cases, chat); video and audio answer `noMediaWorker` until it is built
 * (`npm run media:worker`). A bad media setting stops the server, like any other setting.
 */
export async function startMediaPool(
  log: Logger,
): Promise<{ pool: MediaWorkerPool; config: MediaConfig } | undefined> {
  const config = loadMediaConfig();
  try {
    const pool = await MediaWorkerPool.start(config, log.child({ component: 'media' }));
    log.info({ workers: config.workerCount }, 'media workers started');
    return { pool, config };
  } catch (error) {
    if (!(error instanceof MediaWorkerBinaryMissing)) throw error;
    log.warn({ err: error.message }, 'video and audio disabled: no mediasoup worker');
    return undefined;
  }
}
