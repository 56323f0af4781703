import { escalate } from '@/server/cases/index';
import { route } from '../../../_lib/route';

export const POST = route(async ({ actor, params, services }) => {
  await escalate(services.cases, actor, params.caseId);
});
