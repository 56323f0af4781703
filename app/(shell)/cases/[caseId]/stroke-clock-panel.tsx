'use client';

import type { CaseDetail } from '@/server/cases/case-detail';
import type { Messages } from '../../../i18n/messages';
import { useNow } from '../../../lib/use-now';
import { isOpenStatus } from '../../../lib/case-permissions';
import { CLOCKS, LEVEL_CLASSES, clockLevel, formatElapsed } from '../../../lib/stroke-clocks';

/**
 * The four stroke clocks from the door time. A clock stops when its event is recorded; the
 * others keep ticking every second while the case is open, turning amber near the target and
 * red past it. The target is printed so nobody has to remember it at 3 a.m.
 */
export function StrokeClockPanel({ detail, t }: { detail: CaseDetail; t: Messages['caseView'] }) {
  const now = useNow();
  const door = Date.parse(detail.doorTime);
  const open = isOpenStatus(detail.status);

  return (
    <section aria-label={t.clocks} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {CLOCKS.map((clock) => {
        const stoppedAt = detail.times[clock.stoppedBy];
        const end = stoppedAt ? Date.parse(stoppedAt) : open ? now : null;
        const elapsed = end === null ? null : end - door;
        const level = elapsed === null ? null : clockLevel(elapsed, clock.targetMinutes);
        const style = level ? LEVEL_CLASSES[level] : 'border-slate-300 bg-slate-50 text-slate-600';
        return (
          <div
            key={clock.key}
            data-testid={`clock-${clock.key}`}
            className={`rounded-lg border-2 p-3 ${style}`}
          >
            <p className="text-sm font-semibold leading-tight">{t[clock.key]}</p>
            <p className="mt-1 font-mono text-2xl font-bold tabular-nums">
              {elapsed === null ? '—' : formatElapsed(elapsed)}
            </p>
            <p className="text-xs">
              {stoppedAt ? `■ ${t.stopped}` : open ? `▶ ${t.running}` : ''} · {t.target}{' '}
              {clock.targetMinutes} min
            </p>
          </div>
        );
      })}
    </section>
  );
}
