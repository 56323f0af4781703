'use client';

import { useState } from 'react';
import type { CaseSummary } from '@/server/cases/queue';
import type { Messages } from '../../i18n/messages';
import { ApiError, callApi } from '../../lib/api-client';
import { neurologistLabel, type Neurologist } from '../../lib/use-neurologists';

interface Props {
  row: CaseSummary;
  t: Messages;
  regions: { code: string; name: string }[];
  neurologists: Neurologist[];
  onDone: () => void;
}

const control = 'min-h-11 rounded-md border border-slate-400 bg-white px-2 text-base';
const action = 'min-h-11 rounded-md px-3 font-semibold text-white disabled:opacity-50';

/**
 * What a coordinator does to a stuck case: ask the on-call again (any region), hand it to a
 * named neurologist (withdrawing the pending invitation first, so only one person is asked),
 * escalate it, or cancel it. The row updates itself through the live queue.
 */
export function CoordinatorActions({ row, t, regions, neurologists, onDone }: Props) {
  const [regionCode, setRegionCode] = useState(row.region.code);
  const [inviteeId, setInviteeId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/cases/${row.id}`;

  const run = async (steps: (() => Promise<unknown>)[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const step of steps) await step();
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.common.failed);
    } finally {
      setBusy(false);
    }
  };
  const withdrawPending = () => callApi(`${base}/invitations`, { method: 'DELETE' });

  return (
    <div
      className="space-y-3 border-t border-slate-200 bg-slate-50 px-3 py-3"
      data-testid="coordinator-actions"
    >
      <div className="flex flex-wrap gap-2">
        <select
          value={regionCode}
          onChange={(e) => setRegionCode(e.target.value)}
          className={control}
          aria-label={t.caseView.onCallOf}
        >
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {t.caseView.onCallOf} {r.name}
            </option>
          ))}
        </select>
        <button
          disabled={busy}
          onClick={() =>
            void run([
              withdrawPending,
              () => callApi(`${base}/invitations`, { body: { regionCode } }),
            ])
          }
          className={`${action} bg-alert`}
        >
          {t.queue.reinvite}
        </button>
      </div>
      <div className="flex flex-wrap gap-2">
        <select
          value={inviteeId}
          onChange={(e) => setInviteeId(e.target.value)}
          className={`${control} min-w-0 flex-1 sm:flex-none`}
          aria-label={t.caseView.chooseNeurologist}
        >
          <option value="">{t.caseView.chooseNeurologist}</option>
          {neurologists.map((n) => (
            <option key={n.id} value={n.id}>
              {neurologistLabel(n, t.caseView.onCallNow)}
            </option>
          ))}
        </select>
        <button
          disabled={busy || !inviteeId}
          onClick={() =>
            void run([
              withdrawPending,
              () => callApi(`${base}/invitations`, { body: { inviteeId } }),
            ])
          }
          className={`${action} bg-lagoon-700`}
        >
          {t.queue.reassign}
        </button>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          disabled={busy || row.escalated}
          onClick={() => void run([() => callApi(`${base}/escalate`, { method: 'POST' })])}
          className={`${action} bg-purple-700`}
        >
          {t.queue.escalate}
        </button>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t.caseView.cancelReason}
          aria-label={t.caseView.cancelReason}
          maxLength={500}
          className={`${control} min-w-0 flex-1`}
        />
        <button
          disabled={busy || !reason.trim()}
          onClick={() =>
            void run([
              () =>
                callApi(`${base}/transitions`, {
                  body: { to: 'CANCELLED', reason: reason.trim() },
                }),
            ])
          }
          className={`${action} bg-slate-800`}
        >
          {t.queue.cancelCase}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-alert">
          {error}
        </p>
      )}
    </div>
  );
}
