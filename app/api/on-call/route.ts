import { addShift, listRoster } from '@/server/cases/index';
import { route } from '../_lib/route';

export const GET = route(({ services }) => listRoster(services.cases));

export const POST = route(async ({ actor, services, body }) => {
  const shift = await addShift(services.cases, actor, await body());
  return Response.json({ id: shift.id }, { status: 201 });
});
