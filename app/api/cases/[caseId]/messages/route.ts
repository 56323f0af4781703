import { caseDetail, postMessage } from '@/server/cases/index';
import { route } from '../../../_lib/route';

export const GET = route(async ({ actor, params, services }) => {
  return (await caseDetail(services.cases, actor, params.caseId)).messages;
});

export const POST = route(async ({ actor, params, services, body }) =>
  Response.json(await postMessage(services.cases, actor, params.caseId, await body()), {
    status: 201,
  }),
);
