import { cancelPendingInvitations, invite } from '@/server/cases/index';
import { route } from '../../../_lib/route';

/** POST {inviteeId} or {regionCode}: invite a neurologist, named or on call. */
export const POST = route(async ({ actor, params, services, body }) => {
  const invitation = await invite(services.cases, actor, params.caseId, await body());
  return Response.json(
    { id: invitation.id, expiresAt: invitation.expiresAt.toISOString() },
    { status: 201 },
  );
});

/** DELETE: a coordinator withdraws the pending invitations before reassigning. */
export const DELETE = route(async ({ actor, params, services }) => ({
  cancelled: await cancelPendingInvitations(services.cases, actor, params.caseId),
}));
