import type { Messages } from '../i18n/messages';

type Status = keyof Messages['caseStatus'];

const STYLE: Record<Status, string> = {
  NEW: 'border-sky-300 bg-sky-50 text-sky-900',
  AWAITING_SPECIALIST: 'border-amber-400 bg-amber-50 text-amber-900',
  IN_CONSULTATION: 'border-emerald-400 bg-emerald-50 text-emerald-900',
  REPORTED: 'border-lagoon-600 bg-lagoon-50 text-lagoon-900',
  CLOSED: 'border-slate-300 bg-slate-100 text-slate-700',
  CANCELLED: 'border-slate-300 bg-slate-100 text-slate-500 line-through',
};

const BADGE = 'inline-block whitespace-nowrap rounded px-2 py-0.5 text-sm font-medium border';

export function StatusBadge({ status, t }: { status: string; t: Messages['caseStatus'] }) {
  const known = (status in STYLE ? status : 'NEW') as Status;
  return (
    <span className={`${BADGE} ${STYLE[known]}`} data-testid="case-status">
      {t[known] ?? status}
    </span>
  );
}
