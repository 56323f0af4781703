/**
 * What the media module needs from a logger. The server's pino Logger fits as is; tests pass
 * a silent or recording one. Fields carry session, peer, transport and worker keys only:
 * never a patient's or a clinician's name.
 */
export interface MediaLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Fields that tag every line of one object's logger, e.g. `{ sessionId, peerId }`. */
export type LogTags = Record<string, string | number>;

/**
 * Returns a logger that adds `tags` to every line, so each room, peer and worker logs under
 * its own keys without repeating them at each call.
 */
export function tagLogger(logger: MediaLogger, tags: LogTags): MediaLogger {
  return {
    debug: (fields, message) => logger.debug({ ...tags, ...fields }, message),
    info: (fields, message) => logger.info({ ...tags, ...fields }, message),
    warn: (fields, message) => logger.warn({ ...tags, ...fields }, message),
    error: (fields, message) => logger.error({ ...tags, ...fields }, message),
  };
}

export const silentMediaLogger: MediaLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
