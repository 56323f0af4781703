import { listMyInvitations } from '@/server/cases/index';
import { route } from '../_lib/route';

/** GET: the caller's pending invitations, for a page that opens after a notification. */
export const GET = route(({ actor, services }) => listMyInvitations(services.cases, actor));
