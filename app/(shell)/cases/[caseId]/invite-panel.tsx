'use client';

import { useEffect, useState } from 'react';
import type { Messages } from '../../../i18n/messages';
import { ApiError, callApi } from '../../../lib/api-client';
import { neurologistLabel, useNeurologists } from '../../../lib/use-neurologists';
import { inputClass } from '../../../components/field';

interface Props {
  caseId: string;
  regions: { code: string; name: string }[];
  /** The case's own region, offered first: its on-call neurologist is the usual call. */
  caseRegion: string;
  t: Messages['caseView'];
  failed: string;
  onDone: () => void;
  /** Folded when a neurologist already takes part: inviting another is then the exception. */
  folded: boolean;
}

/**
 * Asking for a neurologist: the usual way is "whoever is on call" for a region; a named
 * neurologist when the team already knows whom to call.
 */
export function InvitePanel({ caseId, regions, caseRegion, t, failed, onDone, folded }: Props) {
  const [open, setOpen] = useState(!folded);
  // Fold when a neurologist joins while the page is open; the user may unfold it again.
  useEffect(() => setOpen(!folded), [folded]);
  const neurologists = useNeurologists();
  const [regionCode, setRegionCode] = useState(
    regions.some((r) => r.code === caseRegion) ? caseRegion : (regions[0]?.code ?? ''),
  );
  const [inviteeId, setInviteeId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const invite = async (body: object) => {
    setBusy(true);
    setOutcome(null);
    try {
      await callApi(`/api/cases/${caseId}/invitations`, { body });
      setOutcome({ ok: true, text: t.invited });
      onDone();
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof ApiError ? error.message : failed });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-lg font-semibold">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          className="flex min-h-10 w-full items-center justify-between text-left"
        >
          {t.invite} <span aria-hidden>{open ? '▴' : '▾'}</span>
        </button>
      </h2>
      {open && (
        <>
          <div className="flex flex-wrap items-end gap-2">
            <label className="min-w-48 flex-1 text-sm font-semibold">
              {t.onCallOf}
              <select
                value={regionCode}
                onChange={(event) => setRegionCode(event.target.value)}
                className={inputClass}
                data-testid="invite-region"
              >
                {regions.map((region) => (
                  <option key={region.code} value={region.code}>
                    {region.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={busy || !regionCode}
              onClick={() => void invite({ regionCode })}
              className={[
                'min-h-11 rounded-lg bg-alert px-4 font-bold text-white',
                'hover:bg-red-700 disabled:opacity-50',
              ].join(' ')}
            >
              {t.inviteOnCall}
            </button>
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <label className="min-w-48 flex-1 text-sm font-semibold">
              {t.chooseNeurologist}
              <select
                value={inviteeId}
                onChange={(event) => setInviteeId(event.target.value)}
                className={inputClass}
              >
                <option value="">—</option>
                {neurologists.map((n) => (
                  <option key={n.id} value={n.id}>
                    {neurologistLabel(n, t.onCallNow)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={busy || !inviteeId}
              onClick={() => void invite({ inviteeId })}
              className={[
                'min-h-11 rounded-lg border-2 border-lagoon-700 px-4 font-semibold',
                'text-lagoon-900 disabled:opacity-50',
              ].join(' ')}
            >
              {t.inviteNamed}
            </button>
          </div>
        </>
      )}
      {open && outcome && (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={`rounded px-3 py-2 text-sm ${
            outcome.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-alert'
          }`}
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
