import { audit } from '../audit/audit';
import type { Actor } from '../auth/roles';
import { loadCaseFor } from './access';
import type { CaseDeps } from './deps';
import { caseSummary, summaryInclude } from './queue';

/**
 * Everything the case page shows: the queue summary plus the patient, the clinical question,
 * the timeline, the studies and the chat. A read of patient data, audited.
 */
export async function caseDetail(deps: CaseDeps, actor: Actor, caseId: string) {
  const { db } = deps;
  const { participation } = await loadCaseFor(db, actor, caseId);

  const kase = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: {
      ...summaryInclude,
      patient: true,
      createdBy: { select: { id: true, name: true } },
      events: { orderBy: { at: 'asc' }, include: { actor: { select: { id: true, name: true } } } },
      studies: { include: { study: true } },
      messages: {
        orderBy: { createdAt: 'asc' },
        take: 500,
        include: { author: { select: { id: true, name: true } } },
      },
    },
  });
  await audit(db, { actor, action: 'case.read', objectType: 'case', caseId });
  // Coordinators triage every site's cases without taking part in them: the urgency, age and
  // sex are what they need, not who the patient is.
  const identified = Boolean(participation) || actor.role !== 'COORDINATOR';

  return {
    ...caseSummary(kase, deps.settings),
    myRole: participation?.role ?? null,
    patient: {
      id: kase.patient.id,
      localId: identified ? kase.patient.localId : '•••',
      name: identified ? kase.patient.name : initials(kase.patient.name),
      birthDate: kase.patient.birthDate?.toISOString().slice(0, 10) ?? null,
      sex: kase.patient.sex,
    },
    clinicalQuestion: kase.clinicalQuestion,
    createdBy: kase.createdBy,
    times: {
      ctAvailableAt: kase.ctAvailableAt?.toISOString() ?? null,
      specialistAt: kase.specialistAt?.toISOString() ?? null,
      decisionAt: kase.decisionAt?.toISOString() ?? null,
      needleAt: kase.needleAt?.toISOString() ?? null,
    },
    timeline: kase.events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at.toISOString(),
      actor: e.actor,
      data: e.data,
    })),
    studies: kase.studies.map(({ study }) => ({
      studyInstanceUid: study.studyInstanceUid,
      studyDate: study.studyDate,
      description: study.description,
      modalities: study.modalitiesInStudy,
      numberOfSeries: study.numberOfSeries,
      numberOfInstances: study.numberOfInstances,
    })),
    messages: kase.messages.map((m) => ({
      id: m.id,
      caseId,
      author: m.author,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;

/** "MÉNARD^Hélène" becomes "M.^H.": enough to tell two cases apart on the phone. */
function initials(personName: string): string {
  return personName
    .split('^')
    .slice(0, 2)
    .map((part) => (part.trim() ? `${part.trim()[0]}.` : ''))
    .join('^');
}
