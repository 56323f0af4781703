import type { CaseDetail } from '@/server/cases/case-detail';
import type { Messages } from '../../../i18n/messages';
import type { LocalTimeFormat } from '../../../lib/local-time';
import { PriorityBadge } from '../../../components/priority-badge';
import { StatusBadge } from '../../../components/status-badge';
import { readablePersonName } from '../new/patient-lookup';

/**
 * Who and what, in the order a neurologist asks on the phone: urgency, patient, NIHSS,
 * question.
 */
export function CaseSummaryCard({
  detail,
  t,
  format,
}: {
  detail: CaseDetail;
  t: Messages;
  format: LocalTimeFormat;
}) {
  const { patient } = detail;
  const sex = patient.sex ? (t.sex[patient.sex as keyof Messages['sex']] ?? patient.sex) : null;
  const years = ageInYears(patient.birthDate);
  const age = years === null ? null : `${years} ${t.common.years}`;

  return (
    <section
      className="rounded-lg border border-slate-300 bg-white p-4"
      aria-label={t.caseView.summary}
    >
      <div className="flex flex-wrap items-center gap-2">
        <PriorityBadge priority={detail.priority} t={t.priority} />
        <h1 className="font-mono text-xl font-bold text-lagoon-900" data-testid="case-reference">
          {detail.reference}
        </h1>
        <StatusBadge status={detail.status} t={t.caseStatus} />
        {detail.escalated && (
          <span className="rounded bg-purple-700 px-2 py-0.5 text-sm font-bold text-white">
            {t.caseView.escalated}
          </span>
        )}
        <span className="ml-auto text-sm text-slate-700">
          {detail.site.name} · {detail.region.name}
        </span>
      </div>

      <div className="mt-3 grid gap-3 sm:grid-cols-[2fr_1fr]">
        <div>
          <p className="text-xl font-semibold" data-testid="case-patient">
            {readablePersonName(patient.name)}
            <span className="ml-2 text-base font-normal text-slate-700">
              {[age, sex].filter(Boolean).join(' · ')}
            </span>
          </p>
          <p className="text-sm text-slate-600">
            {t.caseView.localId} {patient.localId}
          </p>
          <h2 className="mt-2 text-sm font-semibold text-slate-600">{t.caseView.question}</h2>
          <p className="text-base whitespace-pre-line">{detail.clinicalQuestion}</p>
        </div>
        <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-1 sm:text-left">
          <div>
            <dt className="text-xs uppercase text-slate-600">{t.caseView.nihss}</dt>
            <dd className="text-3xl font-bold tabular-nums" data-testid="case-nihss">
              {detail.nihssOnArrival ?? '—'}
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-600">{t.caseView.doorTime}</dt>
            <dd className="text-lg font-semibold tabular-nums">{format.time(detail.doorTime)}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-600">{t.caseView.lastKnownWell}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              {format.time(detail.lastKnownWell)}
            </dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

/** Age in whole years from an ISO date of birth (the patient's, not the server's, calendar). */
function ageInYears(birthDate: string | null): number | null {
  if (!birthDate) return null;
  const [year, month, day] = birthDate.split('-').map(Number);
  const today = new Date();
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  return today.getFullYear() - year - (beforeBirthday ? 1 : 0);
}
