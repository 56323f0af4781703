import { recordClinicalTimes } from '@/server/cases/index';
import { route } from '../../../_lib/route';

/** POST {decisionAt?, needleAt?}: treatment times, which stop the stroke clocks. */
export const POST = route(async ({ actor, params, services, body }) => {
  await recordClinicalTimes(services.cases, actor, params.caseId, await body());
});
