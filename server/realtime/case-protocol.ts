import { z } from 'zod';

/**
 * The socket events of cases and the queue, shared by the browser and the server. Pushes carry
 * ids only; a client then asks for what it may see, so nothing reaches a socket that its
 * user could not read over HTTP.
 */
export const CASE_EVENTS = {
  /** client → server, with ack: subscribe to the live queue; answers the current rows. */
  queueSubscribe: 'queue:subscribe',
  /** client → server, with ack: one case's queue row, or null when it left the actor's view. */
  queueRow: 'queue:row',
  /** server → client: a case changed; refresh its row or page. */
  caseChanged: 'case:changed',
  /** client → server, with ack: follow one case page (chat, timeline). */
  caseSubscribe: 'case:subscribe',
  /** server → client: a chat line was posted in a followed case. */
  caseMessage: 'case:message',
  /** server → client: the user is invited to a case. */
  invitationNew: 'invitation:new',
} as const;

export const queueSubscribeSchema = z
  .object({
    regionCode: z.string().max(8).optional(),
    siteId: z.string().max(64).optional(),
    status: z.enum(['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION', 'REPORTED']).optional(),
  })
  .default({});

export const caseRefSchema = z.object({ caseId: z.string().min(1).max(64) });

export type Ack<T> = (
  answer: { ok: true; data: T } | { ok: false; error: string; message: string },
) => void;
