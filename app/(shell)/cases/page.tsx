import Link from 'next/link';
import { getServerContext } from '@/server/context';
import { visibleCasesFilter } from '@/server/cases/index';
import { getMessages } from '../../i18n/locale';
import { actorOf, requireUser } from '../../lib/current-user';
import { OPENING_ROLES } from '../../lib/case-permissions';
import { timeFormatter } from '../../lib/local-time';
import { PriorityBadge } from '../../components/priority-badge';
import { StatusBadge } from '../../components/status-badge';

/** The cases of the user's site and those they take part in, newest arrival first. */
export default async function CasesPage() {
  const user = await requireUser();
  const { locale, t } = await getMessages();
  const format = timeFormatter(locale, user.site.timeZone);

  // Limitation: the 100 newest cases only; older ones need a search this page does not have yet.
  const cases = await getServerContext().db.case.findMany({
    where: visibleCasesFilter(actorOf(user)),
    orderBy: { doorTime: 'desc' },
    take: 100,
    select: {
      id: true,
      reference: true,
      priority: true,
      status: true,
      doorTime: true,
      nihssOnArrival: true,
      clinicalQuestion: true,
      site: { select: { name: true } },
    },
  });

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div>
          <h1 className="text-2xl font-bold text-lagoon-900">{t.cases.title}</h1>
          <p className="text-sm text-slate-600">{t.cases.help}</p>
        </div>
        {OPENING_ROLES.includes(user.role) && (
          <Link
            href="/cases/new"
            className={[
              'ml-auto flex min-h-12 items-center rounded-lg bg-alert px-5 text-lg',
              'font-bold text-white hover:bg-red-700',
            ].join(' ')}
          >
            + {t.cases.newCase}
          </Link>
        )}
      </div>
      {cases.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-white p-4 text-slate-600">
          {t.cases.empty}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {cases.map((kase) => (
            <li key={kase.id}>
              <Link
                href={`/cases/${kase.id}`}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-3 hover:bg-slate-50"
                data-testid="case-link"
              >
                <PriorityBadge priority={kase.priority} t={t.priority} />
                <span className="font-mono font-semibold text-lagoon-900">{kase.reference}</span>
                <StatusBadge status={kase.status} t={t.caseStatus} />
                <span className="text-sm text-slate-700">
                  {kase.site.name}
                  {kase.nihssOnArrival !== null && ` · NIHSS ${kase.nihssOnArrival}`}
                </span>
                <span className="ml-auto font-mono text-sm tabular-nums">
                  {t.cases.doorTime} {format.dateTime(kase.doorTime.toISOString())}
                </span>
                <span className="w-full truncate text-sm text-slate-600">
                  {kase.clinicalQuestion}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
