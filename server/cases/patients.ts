import { z } from 'zod';
import { audit } from '../audit/audit';
import { CLINICAL_ROLES, type Actor } from '../auth/roles';
import type { CaseDeps } from './deps';
import { CaseError } from './errors';

const localIdSchema = z.string().trim().min(1).max(64);

/**
 * Looks a patient up by the site's own identifier, with the studies the archive holds for
 * that identifier at the site: what the physician picks from when opening a case.
 */
export async function findPatientWithStudies(deps: CaseDeps, actor: Actor, localId: unknown) {
  if (!CLINICAL_ROLES.includes(actor.role)) {
    throw new CaseError('forbidden', 'Only clinicians look patients up.');
  }
  const parsed = localIdSchema.safeParse(localId);
  if (!parsed.success) throw new CaseError('invalid', 'Give the patient identifier (localId).');
  const { db } = deps;

  const [patient, studies] = await Promise.all([
    db.patient.findUnique({
      where: { siteId_localId: { siteId: actor.siteId, localId: parsed.data } },
    }),
    db.study.findMany({
      where: { siteId: actor.siteId, dicomPatientId: parsed.data },
      orderBy: { receivedAt: 'desc' },
      take: 50,
    }),
  ]);
  await audit(db, {
    actor,
    action: 'patient.search',
    objectType: 'patient',
    objectId: patient?.id,
    details: { studies: studies.length },
  });

  return {
    patient: patient && {
      id: patient.id,
      localId: patient.localId,
      name: patient.name,
      birthDate: patient.birthDate?.toISOString().slice(0, 10) ?? null,
      sex: patient.sex,
    },
    // The archive's copy of the name, to fill a new patient's form from the scanner's header.
    dicomPatientName: studies[0]?.patientName ?? null,
    studies: studies.map((s) => ({
      studyInstanceUid: s.studyInstanceUid,
      studyDate: s.studyDate,
      studyTime: s.studyTime,
      description: s.description,
      modalities: s.modalitiesInStudy,
      numberOfInstances: s.numberOfInstances,
    })),
  };
}
