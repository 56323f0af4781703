import { listNeurologists } from '@/server/cases/index';
import { route } from '../_lib/route';

export const GET = route(({ services }) => listNeurologists(services.cases));
