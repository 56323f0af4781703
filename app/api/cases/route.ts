import { listQueue, openCase } from '@/server/cases/index';
import { route } from '../_lib/route';

/** GET: the open cases the caller may see (the queue). POST: open an urgent case. */
export const GET = route(({ actor, request, services }) =>
  listQueue(services.cases, actor, Object.fromEntries(new URL(request.url).searchParams)),
);

export const POST = route(async ({ actor, body, services }) => {
  const kase = await openCase(services.cases, actor, await body());
  return Response.json({ id: kase.id, reference: kase.reference }, { status: 201 });
});
