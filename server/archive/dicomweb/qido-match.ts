import type { Actor } from '../../auth/roles';
import { CLINICAL_ROLES } from '../../auth/roles';
import type { Database } from '../../db/client';
import type { Prisma } from '../../db/generated/client';
import { buildStudyWhere, type StudyWhere } from '../query/study-match.js';
import type { QidoQuery } from './qido-query.js';

/** Where clauses at each level for one query, already narrowed to what the actor may read. */
export type QidoWhere = StudyWhere;

/**
 * QIDO-RS matching (shared with C-FIND in server/archive/query/). Study access is the same
 * rule as canReadStudy: the actor's site for clinicians, plus studies of cases the actor
 * takes part in.
 */
export async function buildWhere(
  db: Database,
  actor: Actor,
  participantIds: Set<string>,
  query: QidoQuery,
): Promise<QidoWhere> {
  const access: Prisma.StudyWhereInput[] = [{ id: { in: [...participantIds] } }];
  if (CLINICAL_ROLES.includes(actor.role)) access.push({ siteId: actor.siteId });
  return buildStudyWhere(db, access, query.matches);
}
