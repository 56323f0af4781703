import { z } from 'zod';

/**
 * The socket.io envelope of media signalling. The requests themselves and their answers are
 * the typed table of server/media/protocol.ts; this adds which case session they belong to.
 */
export const MEDIA_EVENTS = {
  /** client → server, with ack: { caseId, name, data } → MediaResult of that request. */
  request: 'media:request',
  /** server → client: { caseId, ...MediaNotification }. */
  notification: 'media:notification',
} as const;

export const mediaEnvelopeSchema = z.object({
  caseId: z.string().min(1).max(64),
  name: z.string().min(1).max(40),
  data: z.unknown().default({}),
});
