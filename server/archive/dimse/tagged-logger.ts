/**
 * Adds fixed fields (association id, AE titles) to every line of a pino-compatible logger,
 * without relying on child(), which the DIMSE server does not require of its logger.
 */
import type { DimseLogger } from './dimse-server-options.js';

export function tagLogger(logger: DimseLogger, tags: Record<string, unknown>): DimseLogger {
  return {
    debug: (fields, message) => logger.debug({ ...tags, ...fields }, message),
    info: (fields, message) => logger.info({ ...tags, ...fields }, message),
    warn: (fields, message) => logger.warn({ ...tags, ...fields }, message),
    error: (fields, message) => logger.error({ ...tags, ...fields }, message),
  };
}
