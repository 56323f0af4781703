import type { Database } from '../../db/client';
import { Prisma, type Annotation } from '../../db/generated/client';
import { SessionRefusal } from './errors';
import {
  annotationPointCounts,
  type AnnotationGeometry,
  type AnnotationKind,
  type AnnotationValues,
  type ClientMessageOf,
  type SessionAnnotation,
} from './protocol';

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

// PostgreSQL error code of a unique violation, as Prisma reports it.
const UNIQUE_VIOLATION = 'P2002';

/** The live (not deleted) annotations of a case, oldest first. */
export async function loadAnnotations(db: Database, caseId: string): Promise<SessionAnnotation[]> {
  const rows = await db.annotation.findMany({
    where: { caseId, deletedAt: null },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(toSessionAnnotation);
}

/**
 * Stores a new annotation under the id its client generated. The same id sent twice (a
 * create retried after a reconnect) is refused as a versionConflict carrying the stored one,
 * so the client learns it was already applied.
 */
export async function createAnnotation(
  db: Database,
  caseId: string,
  authorId: string,
  { annotation }: ClientMessageOf<'annotationCreate'>,
): Promise<SessionAnnotation> {
  try {
    const row = await db.$transaction(async (tx) => {
      await assertIdFree(tx, caseId, annotation.id);
      return tx.annotation.create({
        data: {
          id: annotation.id,
          caseId,
          authorId,
          studyInstanceUid: annotation.studyInstanceUid,
          seriesInstanceUid: annotation.seriesInstanceUid,
          sopInstanceUid: annotation.sopInstanceUid,
          frame: annotation.frame,
          kind: annotation.kind,
          geometry: annotation.geometry,
          values: annotation.values ?? Prisma.DbNull,
          label: annotation.label,
        },
      });
    });
    return toSessionAnnotation(row);
  } catch (error) {
    // Two creates with one id raced past assertIdFree: the loser sees what the winner stored.
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await assertIdFree(db, caseId, annotation.id);
    throw error;
  }
}

/**
 * Applies an edit made on `baseVersion`. The row is updated only while it still carries that
 * version, in one statement, so of two edits made on the same version exactly one is stored
 * and the other is refused with the annotation as the first left it.
 */
export async function updateAnnotation(
  db: Database,
  caseId: string,
  { id, baseVersion, changes }: ClientMessageOf<'annotationUpdate'>,
): Promise<SessionAnnotation> {
  const row = await db.$transaction(async (tx) => {
    const current = await assertAndGetAnnotation(tx, caseId, id);
    if (changes.geometry) assertPointCount(current.kind as AnnotationKind, changes.geometry, id);

    const data: Prisma.AnnotationUpdateManyMutationInput = { version: { increment: 1 } };
    if (changes.geometry) data.geometry = changes.geometry;
    if (changes.values !== undefined) data.values = changes.values ?? Prisma.DbNull;
    if (changes.label !== undefined) data.label = changes.label;

    return applyIfVersion(tx, caseId, id, baseVersion, data);
  });
  return toSessionAnnotation(row);
}

/** Marks an annotation deleted (the row stays, for the record), if still at `baseVersion`. */
export async function deleteAnnotation(
  db: Database,
  caseId: string,
  { id, baseVersion }: ClientMessageOf<'annotationDelete'>,
): Promise<SessionAnnotation> {
  const row = await db.$transaction(async (tx) => {
    await assertAndGetAnnotation(tx, caseId, id);
    return applyIfVersion(tx, caseId, id, baseVersion, {
      version: { increment: 1 },
      deletedAt: new Date(),
    });
  });
  return toSessionAnnotation(row);
}

async function applyIfVersion(
  tx: Transaction,
  caseId: string,
  id: string,
  baseVersion: number,
  data: Prisma.AnnotationUpdateManyMutationInput,
): Promise<Annotation> {
  // NOTE: under READ COMMITTED a concurrent writer's UPDATE waits for ours, then re-checks the
  // version condition against the committed row and matches nothing: no lost update.
  const { count } = await tx.annotation.updateMany({
    where: { id, caseId, version: baseVersion, deletedAt: null },
    data,
  });

  const row = await assertAndGetAnnotation(tx, caseId, id);
  if (count === 0) throw new SessionRefusal('versionConflict', id, toSessionAnnotation(row));
  return row;
}

async function assertIdFree(tx: Transaction | Database, caseId: string, id: string) {
  const existing = await tx.annotation.findUnique({ where: { id } });
  if (!existing) return;

  // A uuid of another case's annotation is no accident: say no more than that it is not ours.
  if (existing.caseId !== caseId) throw new SessionRefusal('forbidden', id);
  throw new SessionRefusal('versionConflict', id, toSessionAnnotation(existing));
}

async function assertAndGetAnnotation(
  tx: Transaction,
  caseId: string,
  id: string,
): Promise<Annotation> {
  const row = await tx.annotation.findFirst({ where: { id, caseId } });
  if (!row) throw new SessionRefusal('annotationNotFound', id);
  return row;
}

function assertPointCount(kind: AnnotationKind, geometry: AnnotationGeometry, id: string) {
  if (geometry.points.length !== annotationPointCounts[kind]) {
    throw new SessionRefusal('invalidMessage', id);
  }
}

export function toSessionAnnotation(row: Annotation): SessionAnnotation {
  return {
    id: row.id,
    caseId: row.caseId,
    authorId: row.authorId,
    studyInstanceUid: row.studyInstanceUid,
    seriesInstanceUid: row.seriesInstanceUid,
    sopInstanceUid: row.sopInstanceUid,
    frame: row.frame,
    kind: row.kind as AnnotationKind,
    geometry: row.geometry as AnnotationGeometry,
    values: (row.values as AnnotationValues | null) ?? null,
    label: row.label,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}
