import type { CaseDeps } from './deps';
import { concernedUserIds } from './access';
import { caseEvent } from './events';

const OPEN = ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION'] as const;

/**
 * Called after the archive stores an instance: a study that arrives for a patient with an
 * open case at the same site (matched on the site's patient identifier) joins that case,
 * and the first one stamps "CT available". Returns the ids of the cases it joined.
 */
export async function attachArrivedStudy(deps: CaseDeps, studyInstanceUid: string) {
  const { db } = deps;
  const study = await db.study.findUnique({ where: { studyInstanceUid } });
  if (!study?.dicomPatientId) return [];

  const cases = await db.case.findMany({
    where: {
      siteId: study.siteId,
      status: { in: [...OPEN] },
      patient: { localId: study.dicomPatientId },
      studies: { none: { studyId: study.id } },
    },
  });

  const now = new Date();
  for (const kase of cases) {
    await db.$transaction([
      db.caseStudy.create({ data: { caseId: kase.id, studyId: study.id } }),
      db.case.update({
        where: { id: kase.id },
        data: { ctAvailableAt: kase.ctAvailableAt ?? now },
      }),
      db.caseEvent.createMany({
        data: [
          caseEvent(kase.id, null, 'study.attached', { studyInstanceUid }),
          ...(kase.ctAvailableAt ? [] : [caseEvent(kase.id, null, 'ct.available')]),
        ],
      }),
    ]);
    deps.log.info({ caseId: kase.id, studyInstanceUid }, 'arriving study attached to open case');
    deps.notifier.caseChanged({
      caseId: kase.id,
      siteId: kase.siteId,
      userIds: await concernedUserIds(db, kase.id),
    });
  }
  return cases.map((k) => k.id);
}
