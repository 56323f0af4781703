'use client';

import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { quote } from '../../lib/quote';
import type { Messages } from '../../i18n/messages';
import type { Neurologist } from '../../lib/use-neurologists';
import { currentWaitLevel, type WaitThresholds } from '../../lib/wait-level';
import { formatElapsed } from '../../lib/stroke-clocks';
import { PriorityBadge } from '../../components/priority-badge';
import { StatusBadge } from '../../components/status-badge';
import type { LiveRow } from './use-live-queue';
import { CoordinatorActions } from './coordinator-actions';

interface Props {
  live: LiveRow;
  now: number | null;
  t: Messages;
  thresholds: WaitThresholds;
  coordinator: boolean;
  regions: { code: string; name: string }[];
  neurologists: Neurologist[];
}

const WAIT_CLOCK = [
  'justify-self-end rounded-md border-2 px-2 py-1 text-center font-mono text-lg font-bold',
  'tabular-nums lg:justify-self-start',
].join(' ');

const WAIT_STYLE = {
  ok: 'bg-emerald-50 text-emerald-900 border-emerald-300',
  amber: 'bg-amber-200 text-amber-950 border-amber-500',
  red: 'bg-alert text-white border-alert',
};

const STOPPED_STYLE = 'border-slate-300 bg-slate-100 text-slate-600';

/** One open case in the queue; a click opens it, the coordinator's actions unfold below. */
export function QueueRow({ live, now, t, thresholds, coordinator, regions, neurologists }: Props) {
  const router = useRouter();
  const [acting, setActing] = useState(false);
  const { row } = live;

  // From the door time by the workstation's clock, but never less than the server counted,
  // so a workstation clock running slow cannot make a case look fresher than it is.
  const sinceDoor = now === null ? 0 : now - Date.parse(row.doorTime);
  const sinceReceived = now === null ? 0 : Math.max(0, now - live.receivedAt);
  const waitedMs = Math.max(sinceDoor, row.waitingMinutes * 60_000 + sinceReceived);
  // Once a neurologist has joined, the wait for a specialist is over: the clock stops at the
  // door-to-specialist time instead of running on as if the case were still waiting.
  const specialistMinutes = row.clocks.doorToSpecialist;
  const level =
    specialistMinutes !== undefined
      ? 'met'
      : currentWaitLevel(Math.floor(waitedMs / 60_000), row.waitLevel, thresholds);
  const invitation = row.invitation;
  const patient = [row.patient.age !== null ? `${row.patient.age} ${t.common.years}` : null]
    .concat(row.patient.sex ? t.sex[row.patient.sex as keyof Messages['sex']] : null)
    .filter(Boolean)
    .join(' · ');

  return (
    <li
      data-testid="queue-row"
      data-case-id={row.id}
      className={
        row.needsCoordinator ? 'border-l-8 border-purple-600' : 'border-l-8 border-transparent'
      }
    >
      <div
        onClick={() => router.push(`/cases/${row.id}`)}
        className={[
          'grid cursor-pointer grid-cols-2 items-center gap-x-3 gap-y-2 px-3 py-3',
          'hover:bg-slate-50 lg:grid-cols-[8rem_1.3fr_1.2fr_1fr_1.4fr_6rem_7rem]',
        ].join(' ')}
      >
        <span>
          <PriorityBadge priority={row.priority} t={t.priority} />
        </span>
        <span className="text-right lg:text-left">
          <Link
            href={`/cases/${row.id}`}
            className="font-mono font-semibold text-lagoon-900 underline-offset-2 hover:underline"
            onClick={(event) => event.stopPropagation()}
          >
            {row.reference}
          </Link>
          <span className="block text-xs text-slate-600">
            {/* No dangling separator when the age and sex are unknown. */}
            {[row.nihssOnArrival !== null && `NIHSS ${row.nihssOnArrival}`, patient]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </span>
        <span className="text-sm">
          {row.site.name}
          <span className="block text-xs text-slate-600">{row.region.name}</span>
        </span>
        <span className="text-right lg:text-left">
          <StatusBadge status={row.status} t={t.caseStatus} />
          {row.escalated && (
            <span className="mt-1 block text-xs font-bold text-purple-800">
              {t.caseView.escalated}
            </span>
          )}
        </span>
        <span className="text-sm" data-testid="queue-invitation">
          {invitation ? (
            <>
              {invitation.invitee?.name ?? '—'}
              <span
                className={`block text-xs font-semibold ${
                  ['DECLINED', 'EXPIRED'].includes(invitation.status)
                    ? 'text-alert'
                    : 'text-slate-600'
                }`}
              >
                {t.invitationStatus[invitation.status as keyof Messages['invitationStatus']]}
                {invitation.reason && ` — ${quote(invitation.reason, t.common)}`}
              </span>
            </>
          ) : (
            <span className="text-slate-500">{t.queue.noInvitation}</span>
          )}
        </span>
        <span
          data-testid="queue-waiting"
          data-level={level}
          className={`${WAIT_CLOCK} ${level === 'met' ? STOPPED_STYLE : WAIT_STYLE[level]}`}
        >
          {formatElapsed(specialistMinutes !== undefined ? specialistMinutes * 60_000 : waitedMs)}
        </span>
        {coordinator && (
          <span className="col-span-2 lg:col-span-1">
            <button
              type="button"
              onClick={(event) => {
                event.stopPropagation();
                setActing(!acting);
              }}
              aria-expanded={acting}
              className={[
                'min-h-11 w-full rounded-md border-2 border-lagoon-700 px-3',
                'font-semibold text-lagoon-900 hover:bg-lagoon-50',
              ].join(' ')}
            >
              {t.queue.actions} {acting ? '▴' : '▾'}
            </button>
          </span>
        )}
      </div>
      {coordinator && acting && (
        <CoordinatorActions
          row={row}
          t={t}
          regions={regions}
          neurologists={neurologists}
          onDone={() => setActing(false)}
        />
      )}
    </li>
  );
}
