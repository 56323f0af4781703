import { transition } from '@/server/cases/index';
import { route } from '../../../_lib/route';

/** POST {to, reason?}: move the case along its lifecycle. */
export const POST = route(async ({ actor, params, services, body }) => {
  const kase = await transition(services.cases, actor, params.caseId, await body());
  return { id: kase.id, status: kase.status };
});
