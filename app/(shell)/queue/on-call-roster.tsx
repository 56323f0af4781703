'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Locale, Messages } from '../../i18n/messages';
import { ApiError, callApi } from '../../lib/api-client';
import { fromDateTimeLocal, timeFormatter, toDateTimeLocal } from '../../lib/local-time';
import { useNeurologists } from '../../lib/use-neurologists';

interface Shift {
  id: string;
  region: { code: string; name: string };
  user: { id: string; name: string; siteName: string };
  startsAt: string;
  endsAt: string;
}

interface Props {
  t: Messages;
  regions: { code: string; name: string }[];
  editable: boolean;
  locale: Locale;
  timeZone: string;
}

const control = 'mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-2';

/**
 * Who answers "the on-call neurologist" of each region, now and next. Coordinators add and
 * remove shifts here; everyone else reads it.
 */
export function OnCallRoster({ t, regions, editable, locale, timeZone }: Props) {
  const format = timeFormatter(locale, timeZone);
  const neurologists = useNeurologists();
  const [shifts, setShifts] = useState<Shift[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ regionCode: regions[0]?.code ?? '', userId: '' });
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [now, setNow] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setShifts(await callApi<Shift[]>('/api/on-call'));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.common.failed);
    }
  }, [t.common.failed]);

  useEffect(() => {
    void load();
    const start = new Date();
    setNow(start.getTime());
    setStartsAt(toDateTimeLocal(start));
    setEndsAt(toDateTimeLocal(new Date(start.getTime() + 12 * 3600_000)));
  }, [load]);

  const change = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.common.failed);
    }
  };

  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4" data-testid="roster">
      <h2 className="text-lg font-semibold">{t.roster.title}</h2>
      {shifts === null ? (
        <p className="text-slate-600">{t.common.loading}</p>
      ) : shifts.length === 0 ? (
        <p className="text-slate-600">{t.roster.empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {shifts.map((shift) => {
            const current =
              now !== null && Date.parse(shift.startsAt) <= now && Date.parse(shift.endsAt) > now;
            return (
              <li key={shift.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="w-44 font-semibold">{shift.region.name}</span>
                <span className="flex-1">
                  {shift.user.name}{' '}
                  <span className="text-sm text-slate-600">({shift.user.siteName})</span>
                  {current && (
                    <span
                      className={[
                        'ml-2 rounded bg-emerald-700 px-2 py-0.5 text-xs font-bold text-white',
                      ].join(' ')}
                    >
                      {t.roster.now}
                    </span>
                  )}
                </span>
                <span className="font-mono text-sm tabular-nums">
                  {format.dateTime(shift.startsAt)} → {format.dateTime(shift.endsAt)}
                </span>
                {editable && (
                  <button
                    onClick={() =>
                      void change(() => callApi(`/api/on-call/${shift.id}`, { method: 'DELETE' }))
                    }
                    className="min-h-10 rounded-md border border-alert px-3 text-sm text-alert"
                  >
                    {t.roster.remove}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {editable && (
        <form
          className={[
            'mt-4 grid gap-3 border-t border-slate-200 pt-4',
            'sm:grid-cols-[1fr_2fr_1fr_1fr_auto] sm:items-end',
          ].join(' ')}
          onSubmit={(event) => {
            event.preventDefault();
            void change(() =>
              callApi('/api/on-call', {
                body: {
                  ...draft,
                  startsAt: fromDateTimeLocal(startsAt),
                  endsAt: fromDateTimeLocal(endsAt),
                },
              }),
            );
          }}
        >
          <label className="text-sm font-semibold">
            {t.queue.region}
            <select
              value={draft.regionCode}
              onChange={(e) => setDraft({ ...draft, regionCode: e.target.value })}
              className={control}
            >
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-semibold">
            {t.roster.neurologist}
            <select
              value={draft.userId}
              onChange={(e) => setDraft({ ...draft, userId: e.target.value })}
              className={control}
            >
              <option value="">—</option>
              {neurologists.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name} — {n.siteName}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-semibold">
            {t.roster.startsAt}
            <input
              type="datetime-local"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
              className={control}
            />
          </label>
          <label className="text-sm font-semibold">
            {t.roster.endsAt}
            <input
              type="datetime-local"
              value={endsAt}
              onChange={(e) => setEndsAt(e.target.value)}
              className={control}
            />
          </label>
          <button
            disabled={!draft.userId}
            className={[
              'min-h-11 rounded-md bg-lagoon-700 px-4 font-semibold text-white',
              'disabled:opacity-50',
            ].join(' ')}
          >
            {t.roster.add}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-alert">
          {error}
        </p>
      )}
    </section>
  );
}
