import { audit } from '../../audit/audit';
import { canReadStudy } from '../../auth/authorization';
import type { DicomwebRequest } from './router.js';

/** What a retrieve needs of one stored instance: where its bytes are and how they are coded. */
export interface RetrievableInstance {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  storageKey: string;
  size: number;
  numberOfFrames: number;
}

export type RetrieveLevel = 'study' | 'series' | 'instance';

/** What a WADO request asked for, recorded in the audit trail (keys and counts only). */
export type RetrieveResource = 'instances' | 'metadata' | 'frames' | 'rendered' | 'bulkdata';

/** A UID the path names that the archive does not hold, or holds for someone else. */
export class RetrieveTargetNotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetrieveTargetNotFound';
  }
}

/**
 * The instances a WADO request addresses, in series then instance order, after checking
 * the actor may read the study. The retrieve is audited here, once, before any byte goes out.
 *
 * NOTE: a study the actor may not read is answered exactly like an unknown one (404), so a
 * guessed UID does not reveal that another site holds it; the audit line says 'denied'.
 */
export async function resolveInstances(
  request: Pick<DicomwebRequest, 'deps' | 'actor' | 'params'>,
  level: RetrieveLevel,
  resource: RetrieveResource,
): Promise<RetrievableInstance[]> {
  const { deps, actor } = request;
  const [studyUid, seriesUid, sopUid] = request.params as [string, string?, string?];

  const study = await deps.db.study.findUnique({
    where: { studyInstanceUid: studyUid },
    select: { id: true, siteId: true },
  });
  const participants = study ? await deps.participantStudyIds?.(actor) : undefined;
  const participant = participants?.has(study!.id) ?? false;
  if (!study || !canReadStudy(actor, { siteId: study.siteId, participant })) {
    if (study) {
      await audit(deps.db, {
        actor,
        action: 'study.retrieve',
        outcome: 'denied',
        objectType: level,
        studyInstanceUid: studyUid,
        details: { resource },
      });
    }
    throw new RetrieveTargetNotFound(`Study ${studyUid} is not in the archive`);
  }

  const rows = await deps.db.instance.findMany({
    where: {
      series: { studyId: study.id, ...(seriesUid && { seriesInstanceUid: seriesUid }) },
      ...(sopUid && { sopInstanceUid: sopUid }),
    },
    select: {
      sopInstanceUid: true,
      transferSyntaxUid: true,
      storageKey: true,
      size: true,
      numberOfFrames: true,
      series: { select: { seriesInstanceUid: true, seriesNumber: true } },
    },
    orderBy: [{ instanceNumber: 'asc' }, { sopInstanceUid: 'asc' }],
  });
  if (rows.length === 0) {
    const missing = sopUid
      ? `Instance ${sopUid} is not in series ${seriesUid} of study ${studyUid}`
      : `Series ${seriesUid} is not in study ${studyUid}`;
    throw new RetrieveTargetNotFound(seriesUid ? missing : `Study ${studyUid} holds no instances`);
  }

  // Series in number order, so a study retrieve arrives as a viewer would load it.
  rows.sort(
    (a, b) =>
      (a.series.seriesNumber ?? 0) - (b.series.seriesNumber ?? 0) ||
      a.series.seriesInstanceUid.localeCompare(b.series.seriesInstanceUid),
  );

  await audit(deps.db, {
    actor,
    action: 'study.retrieve',
    objectType: level,
    studyInstanceUid: studyUid,
    details: { resource, instances: rows.length, series: seriesUid ?? null },
  });

  return rows.map((row) => ({
    studyInstanceUid: studyUid,
    seriesInstanceUid: row.series.seriesInstanceUid,
    sopInstanceUid: row.sopInstanceUid,
    transferSyntaxUid: row.transferSyntaxUid,
    storageKey: row.storageKey,
    size: row.size,
    numberOfFrames: row.numberOfFrames,
  }));
}
