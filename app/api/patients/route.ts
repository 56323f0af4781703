import { findPatientWithStudies } from '@/server/cases/index';
import { route } from '../_lib/route';

/** GET ?localId=…: a patient of the caller's site and their studies in the archive. */
export const GET = route(({ actor, request, services }) =>
  findPatientWithStudies(services.cases, actor, new URL(request.url).searchParams.get('localId')),
);
