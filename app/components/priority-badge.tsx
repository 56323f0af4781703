import type { Messages } from '../i18n/messages';

type Priority = keyof Messages['priority'];

// A stroke alert must stand out on a dim night-time screen: solid red, white text.
const STYLE: Record<Priority, string> = {
  STROKE_ALERT: 'bg-alert text-white',
  URGENT: 'bg-amber-400 text-amber-950',
  ROUTINE: 'bg-slate-200 text-slate-800',
};

const BADGE = 'inline-block whitespace-nowrap rounded px-2 py-0.5 text-sm font-bold';

export function PriorityBadge({ priority, t }: { priority: string; t: Messages['priority'] }) {
  const known = (priority in STYLE ? priority : 'ROUTINE') as Priority;
  return <span className={`${BADGE} ${STYLE[known]}`}>{t[known] ?? priority}</span>;
}
