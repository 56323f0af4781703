import { MediaRefusal } from './errors';
import type { MediaLogger } from './logger';
import {
  type MediaRequestData,
  type MediaRequestName,
  type MediaResponses,
  type MediaResult,
  mediaRequestSchemas,
} from './protocol';
import type { MediaRoom } from './room';

type Handler<N extends MediaRequestName> = (
  room: MediaRoom,
  peerId: string,
  data: MediaRequestData<N>,
) => MediaResponses[N] | Promise<MediaResponses[N]>;

// One entry per request of the protocol: a missing or mistyped handler fails to compile.
const handlers: { [N in MediaRequestName]: Handler<N> } = {
  getRouterRtpCapabilities: (room) => room.getRouterRtpCapabilities(),
  join: (room, peerId, data) => ({ producers: room.join(peerId, data) }),
  createTransport: (room, peerId, data) => room.createTransport(peerId, data),
  connectTransport: (room, peerId, data) => room.connectTransport(peerId, data),
  produce: (room, peerId, data) => room.produce(peerId, data),
  consume: (room, peerId, data) => room.consume(peerId, data),
  resumeConsumer: (room, peerId, data) => room.resumeConsumer(peerId, data),
  pauseProducer: (room, peerId, data) => room.pauseProducer(peerId, data),
  resumeProducer: (room, peerId, data) => room.resumeProducer(peerId, data),
  closeProducer: (room, peerId, data) => room.closeProducer(peerId, data),
  leave: (room, peerId) => room.leave(peerId),
};

export function isMediaRequestName(name: unknown): name is MediaRequestName {
  return typeof name === 'string' && Object.hasOwn(mediaRequestSchemas, name);
}

/**
 * Validates one request from a peer, runs it on the room and returns the typed answer or the
 * reason for refusing it. Never throws: the signalling layer sends the result back as is.
 */
export async function handleMediaRequest<N extends MediaRequestName>(
  room: MediaRoom,
  peerId: string,
  name: N,
  data: unknown,
  logger: MediaLogger,
): Promise<MediaResult<N>> {
  const tags = { sessionId: room.sessionId, peerId, request: name };

  if (!isMediaRequestName(name)) return { ok: false, reason: 'invalidRequest' };

  const parsed = mediaRequestSchemas[name].safeParse(data);
  if (!parsed.success) {
    logger.warn({ ...tags, issueCount: parsed.error.issues.length }, '<== invalid media request');
    return { ok: false, reason: 'invalidRequest', issues: parsed.error.issues };
  }

  logger.debug(tags, '<== media request');
  try {
    const handler = handlers[name] as Handler<N>;
    const answer = await handler(room, peerId, parsed.data as MediaRequestData<N>);

    logger.debug(tags, '--> media response');
    return { ok: true, data: answer };
  } catch (error) {
    if (error instanceof MediaRefusal) {
      logger.info({ ...tags, reason: error.reason, id: error.id }, '--> media request refused');
      return { ok: false, reason: error.reason, id: error.id };
    }

    // NOTE: mediasoup's own errors (a bad rtpParameters, a closed transport) land here; the
    // message names ids and codecs, never a person, so it is logged in full.
    logger.error({ ...tags, error: (error as Error).message }, '--> media request failed');
    return { ok: false, reason: 'internalError' };
  }
}
