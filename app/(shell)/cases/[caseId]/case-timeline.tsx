import type { CaseDetail } from '@/server/cases/case-detail';
import { quote } from '../../../lib/quote';
import type { Messages } from '../../../i18n/messages';
import type { LocalTimeFormat } from '../../../lib/local-time';

type Entry = CaseDetail['timeline'][number];
type Data = Record<string, unknown>;

/** What happened to the case, oldest first: when (local time), who, what. */
export function CaseTimeline({
  timeline,
  t,
  format,
}: {
  timeline: CaseDetail['timeline'];
  t: Messages;
  format: LocalTimeFormat;
}) {
  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-lg font-semibold">{t.caseView.timeline}</h2>
      <ol className="mt-2 space-y-2" data-testid="case-timeline">
        {timeline.map((entry) => (
          <li key={entry.id} className="grid grid-cols-[3.5rem_1fr] gap-2 text-sm">
            <time dateTime={entry.at} className="font-mono font-semibold tabular-nums">
              {format.time(entry.at)}
            </time>
            <span>
              <strong>{entry.actor?.name ?? t.events.system}</strong> {describe(entry, t, format)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function describe(entry: Entry, t: Messages, format: LocalTimeFormat): string {
  const label = t.events[entry.type as keyof Messages['events']] ?? entry.type;
  const data = (entry.data ?? {}) as Data;
  const status = (value: unknown) =>
    t.caseStatus[value as keyof Messages['caseStatus']] ?? String(value);

  switch (entry.type) {
    case 'invitation.sent':
      return `${label} ${data.inviteeName ?? ''}${data.onCall ? ` (${t.events.onCall})` : ''}`;
    case 'invitation.declined':
      return data.reason ? `${label} — ${quote(String(data.reason), t.common)}` : label;
    case 'case.status':
      return `${label}${t.common.colon}${status(data.from)} → ${status(data.to)}${
        data.reason ? ` — ${quote(String(data.reason), t.common)}` : ''
      }`;
    case 'case.opened':
      return `${label} (${t.priority[data.priority as keyof Messages['priority']] ?? ''})`;
    case 'clinical.decision':
    case 'clinical.needle':
      return `${label}${t.common.colon}${format.time(data.at as string)}`;
    default:
      return label;
  }
}
