import { getServerContext } from '@/server/context';
import { audit } from '@/server/audit/audit';
import { CLINICAL_ROLES } from '@/server/auth/roles';
import { getLocale } from '../../i18n/locale';
import { requireUser } from '../../lib/current-user';
import { archiveMessages } from './messages';
import { Uploader } from './uploader';

/** DICOM dates are YYYYMMDD; shown as the reader's locale writes dates. */
function formatStudyDate(value: string | null, locale: string) {
  if (!value || !/^\d{8}$/.test(value)) return value ?? '';
  const date = new Date(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T12:00:00Z`);
  return date.toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB');
}

export default async function ArchivePage() {
  const user = await requireUser();
  const locale = await getLocale();
  const t = archiveMessages[locale];
  const { db } = getServerContext();
  const actor = { userId: user.id, role: user.role, siteId: user.site.id };

  // The same rule as canReadStudy: own site for clinicians, else through a case.
  const clinician = CLINICAL_ROLES.includes(user.role);
  const studies = await db.study.findMany({
    where: {
      OR: [
        ...(clinician ? [{ siteId: user.site.id }] : []),
        { cases: { some: { case: { participants: { some: { userId: user.id } } } } } },
      ],
    },
    orderBy: { receivedAt: 'desc' },
    take: 200,
    include: { site: { select: { name: true } } },
  });
  await audit(db, { actor, action: 'study.list', details: { count: studies.length } });

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-lagoon-900">{t.title}</h1>
        <p className="mt-1 text-slate-600">{t.intro}</p>
      </div>
      {clinician && <Uploader t={t} />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="study-list">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th className="px-3 py-2">{t.patient}</th>
              <th className="px-3 py-2">{t.patientId}</th>
              <th className="px-3 py-2">{t.date}</th>
              <th className="px-3 py-2">{t.modality}</th>
              <th className="px-3 py-2">{t.description}</th>
              <th className="px-3 py-2 text-right">{t.images}</th>
              <th className="px-3 py-2">{t.site}</th>
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr key={study.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-medium">
                  {study.patientName?.replaceAll('^', ' ').trim() || (
                    <span className="font-normal italic text-slate-500">{t.noName}</span>
                  )}
                </td>
                <td className="px-3 py-2 font-mono">{study.dicomPatientId}</td>
                <td className="px-3 py-2">{formatStudyDate(study.studyDate, locale)}</td>
                <td className="px-3 py-2">{study.modalitiesInStudy.join(', ')}</td>
                <td className="px-3 py-2">{study.description}</td>
                <td className="px-3 py-2 text-right">{study.numberOfInstances}</td>
                <td className="px-3 py-2">{study.site.name}</td>
              </tr>
            ))}
            {studies.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  {t.empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
