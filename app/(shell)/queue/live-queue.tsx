'use client';

import { useState } from 'react';
import type { Locale, Messages } from '../../i18n/messages';
import type { WaitThresholds } from '../../lib/wait-level';
import { useNow } from '../../lib/use-now';
import { useNeurologists } from '../../lib/use-neurologists';
import { useLiveQueue, type QueueFilter } from './use-live-queue';
import { QueueRow } from './queue-row';

const STATUSES = ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION', 'REPORTED'] as const;

interface Props {
  t: Messages;
  regions: { code: string; name: string }[];
  sites: { id: string; name: string; regionCode: string }[];
  thresholds: WaitThresholds;
  coordinator: boolean;
  locale: Locale;
  timeZone: string;
}

const selectClass =
  'mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-2 text-base';

/** The open cases, live, with filters; coordinators act on each row in place. */
export function LiveQueue({ t, regions, sites, thresholds, coordinator }: Props) {
  const [filter, setFilter] = useState<QueueFilter>({});
  const { rows, connected } = useLiveQueue(filter);
  const now = useNow();
  const neurologists = useNeurologists();
  const visibleSites = sites.filter(
    (s) => !filter.regionCode || s.regionCode === filter.regionCode,
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="w-full text-sm font-semibold sm:w-48">
          {t.queue.region}
          <select
            value={filter.regionCode ?? ''}
            onChange={(e) => setFilter({ ...filter, regionCode: e.target.value, siteId: '' })}
            className={selectClass}
            data-testid="filter-region"
          >
            <option value="">{t.queue.all}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="w-full text-sm font-semibold sm:w-64">
          {t.queue.site}
          <select
            value={filter.siteId ?? ''}
            onChange={(e) => setFilter({ ...filter, siteId: e.target.value })}
            className={selectClass}
          >
            <option value="">{t.queue.all}</option>
            {visibleSites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="w-full text-sm font-semibold sm:w-56">
          {t.queue.status}
          <select
            value={filter.status ?? ''}
            onChange={(e) => setFilter({ ...filter, status: e.target.value })}
            className={selectClass}
          >
            <option value="">{t.queue.all}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.caseStatus[s]}
              </option>
            ))}
          </select>
        </label>
        <p className="ml-auto flex items-center gap-2 text-sm" role="status">
          <span
            className={`inline-block size-3 rounded-full ${
              connected ? 'bg-emerald-600' : 'bg-amber-500'
            }`}
          />
          {connected ? t.queue.live : t.common.offline}
          {rows && (
            <span className="text-slate-600">
              · {rows.length} {t.queue.count}
            </span>
          )}
        </p>
      </div>

      <div className="overflow-hidden rounded-lg border border-slate-300 bg-white">
        <div
          className={[
            'hidden grid-cols-[8rem_1.3fr_1.2fr_1fr_1.4fr_6rem_7rem] gap-3',
            'bg-slate-100 px-3 py-2 text-xs font-semibold uppercase text-slate-700',
            'lg:grid',
          ].join(' ')}
        >
          <span>{t.queue.priority}</span>
          <span>{t.queue.reference}</span>
          <span>
            {t.queue.site} / {t.queue.region}
          </span>
          <span>{t.queue.status}</span>
          <span>{t.queue.invitee}</span>
          <span>{t.queue.waiting}</span>
          <span>{coordinator ? t.queue.actions : ''}</span>
        </div>
        {rows === null ? (
          <p className="p-4 text-slate-600">{t.common.loading}</p>
        ) : rows.length === 0 ? (
          <p className="p-4 text-slate-600">{t.queue.empty}</p>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="queue-rows">
            {rows.map((live) => (
              <QueueRow
                key={live.row.id}
                live={live}
                now={now}
                t={t}
                thresholds={thresholds}
                coordinator={coordinator}
                regions={regions}
                neurologists={neurologists}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
