import { removeShift } from '@/server/cases/index';
import { route } from '../../_lib/route';

export const DELETE = route(async ({ actor, params, services }) => {
  await removeShift(services.cases, actor, params.shiftId);
});
