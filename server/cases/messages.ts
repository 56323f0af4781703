import { audit } from '../audit/audit';
import type { Actor } from '../auth/roles';
import { loadCaseFor } from './access';
import type { CaseDeps, ChatMessage } from './deps';
import { CaseError } from './errors';
import { messageSchema } from './schemas';

/** Posts a chat line to a case; anyone who may read the case may write in it. */
export async function postMessage(deps: CaseDeps, actor: Actor, caseId: string, body: unknown) {
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success)
    throw new CaseError('invalid', 'The message is empty or too long.', parsed.error.issues);
  const { db } = deps;
  await loadCaseFor(db, actor, caseId);

  const row = await db.message.create({
    data: { caseId, authorId: actor.userId, body: parsed.data.body },
    include: { author: { select: { id: true, name: true } } },
  });
  await audit(db, {
    actor,
    action: 'case.message',
    objectType: 'message',
    objectId: row.id,
    caseId,
  });
  const message: ChatMessage = {
    id: row.id,
    caseId,
    author: row.author,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
  deps.notifier.messagePosted(caseId, message);
  return message;
}
