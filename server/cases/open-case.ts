import { randomBytes } from 'node:crypto';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/roles';
import { CaseError } from './errors';
import type { CaseDeps } from './deps';
import { caseEvent } from './events';
import { openCaseSchema } from './schemas';

const OPENING_ROLES = ['EMERGENCY_PHYSICIAN', 'RADIOLOGIST'];

/**
 * Opens an urgent case at the actor's site for an existing or new patient, with the studies
 * already in the archive. The opener becomes its requester.
 */
export async function openCase(deps: CaseDeps, actor: Actor, body: unknown) {
  if (!OPENING_ROLES.includes(actor.role)) {
    throw new CaseError('forbidden', 'Only emergency physicians and radiologists open cases.');
  }
  const parsed = openCaseSchema.safeParse(body);
  if (!parsed.success)
    throw new CaseError('invalid', 'The case is incomplete.', parsed.error.issues);
  const input = parsed.data;
  const { db } = deps;

  const patient = await findOrCreatePatient(deps, actor, input.patient);
  const studies = await db.study.findMany({
    where: { studyInstanceUid: { in: input.studyInstanceUids }, siteId: actor.siteId },
    select: { id: true, studyInstanceUid: true },
  });
  const unknown = input.studyInstanceUids.filter(
    (uid) => !studies.some((s) => s.studyInstanceUid === uid),
  );
  if (unknown.length > 0) {
    throw new CaseError('invalid', `No study ${unknown[0]} in your site's archive.`, { unknown });
  }

  const now = new Date();
  const kase = await db.$transaction(async (tx) => {
    const created = await tx.case.create({
      data: {
        reference: caseReference(input.priority, now),
        siteId: actor.siteId,
        patientId: patient.id,
        createdById: actor.userId,
        priority: input.priority,
        doorTime: input.doorTime,
        lastKnownWell: input.lastKnownWell,
        nihssOnArrival: input.nihssOnArrival,
        clinicalQuestion: input.clinicalQuestion,
        ctAvailableAt: studies.length > 0 ? now : null,
        participants: { create: { userId: actor.userId, role: 'REQUESTER' } },
        studies: { create: studies.map((s) => ({ studyId: s.id })) },
      },
    });
    await tx.caseEvent.createMany({
      data: [
        caseEvent(created.id, actor.userId, 'case.opened', { priority: input.priority }),
        ...studies.map((s) =>
          caseEvent(created.id, actor.userId, 'study.attached', {
            studyInstanceUid: s.studyInstanceUid,
          }),
        ),
        ...(studies.length > 0 ? [caseEvent(created.id, null, 'ct.available')] : []),
      ],
    });
    return created;
  });

  await audit(db, { actor, action: 'case.create', objectType: 'case', caseId: kase.id });
  deps.log.info({ caseId: kase.id, reference: kase.reference }, 'case opened');
  deps.notifier.caseChanged({ caseId: kase.id, siteId: kase.siteId, userIds: [actor.userId] });
  return kase;
}

async function findOrCreatePatient(
  { db }: CaseDeps,
  actor: Actor,
  patient: { id: string } | { localId: string; name: string; birthDate?: string; sex?: string },
) {
  if ('id' in patient) {
    const found = await db.patient.findUnique({ where: { id: patient.id } });
    if (!found || found.siteId !== actor.siteId) {
      throw new CaseError('invalid', `No patient ${patient.id} at your site.`);
    }
    return found;
  }

  // The local identifier is the site's own: the same one again means the same person.
  const existing = await db.patient.findUnique({
    where: { siteId_localId: { siteId: actor.siteId, localId: patient.localId } },
  });
  if (existing) return existing;
  return db.patient.create({
    data: {
      siteId: actor.siteId,
      localId: patient.localId,
      name: patient.name,
      birthDate: patient.birthDate ? new Date(patient.birthDate) : undefined,
      sex: patient.sex,
    },
  });
}

/** A short key to say on the phone: AVC for stroke alerts, URG and ROU otherwise. */
function caseReference(priority: string, now: Date): string {
  const prefix = { STROKE_ALERT: 'AVC', URGENT: 'URG', ROUTINE: 'ROU' }[priority] ?? 'CAS';
  const day = now.toISOString().slice(2, 10).replaceAll('-', '');
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  return `${prefix}-${day}-${suffix}`;
}
