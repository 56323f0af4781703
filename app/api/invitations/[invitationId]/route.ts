import { respond } from '@/server/cases/index';
import { route } from '../../_lib/route';

/** POST {response: 'accept'} or {response: 'decline', reason}. */
export const POST = route(async ({ actor, params, services, body }) => {
  const invitation = await respond(services.cases, actor, params.invitationId, await body());
  return { id: invitation.id, status: invitation.status, caseId: invitation.caseId };
});
