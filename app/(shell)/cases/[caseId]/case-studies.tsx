import Link from 'next/link';
import type { CaseDetail } from '@/server/cases/case-detail';
import type { Messages } from '../../../i18n/messages';
import { readableStudyDate } from '../new/patient-lookup';

/** The studies attached to the case, and the way into the shared viewing session. */
export function CaseStudies({
  caseId,
  studies,
  t,
}: {
  caseId: string;
  studies: CaseDetail['studies'];
  t: Messages['caseView'];
}) {
  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">{t.studies}</h2>
        <Link
          href={`/cases/${caseId}/session`}
          className={[
            'ml-auto flex min-h-11 items-center rounded-lg bg-lagoon-700 px-4',
            'font-semibold text-white hover:bg-lagoon-600',
          ].join(' ')}
          data-testid="open-session"
        >
          {t.openSession}
        </Link>
      </div>
      {studies.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t.noStudies}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {studies.map((study) => (
            <li key={study.studyInstanceUid} className="py-2 text-sm">
              <strong>{study.modalities.join('/') || '?'}</strong> {study.description ?? ''}
              <span className="block text-xs text-slate-600">
                {readableStudyDate(study.studyDate)} · {study.numberOfSeries} {t.series} ·{' '}
                {study.numberOfInstances} images
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
