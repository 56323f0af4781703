import { caseDetail } from '@/server/cases/index';
import { route } from '../../_lib/route';

export const GET = route(({ actor, params, services }) =>
  caseDetail(services.cases, actor, params.caseId),
);
