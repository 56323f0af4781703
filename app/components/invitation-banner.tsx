'use client';

import { useState } from 'react';
import type { InvitationNotice } from '@/server/cases/deps';
import type { Messages } from '../i18n/messages';
import { formatElapsed } from '../lib/stroke-clocks';
import { PriorityBadge } from './priority-badge';

interface Props {
  invitation: InvitationNotice;
  now: number | null;
  t: Messages['alerts'];
  priorities: Messages['priority'];
  busy: boolean;
  error: string | null;
  onAccept: () => void;
  onDecline: (reason: string) => void;
}

/**
 * One invitation, in front of everything: a neurologist reads the urgency, the site and the
 * question, and answers with one large button. Declining asks why, with common reasons a tap
 * away, because the coordinator who reassigns the case needs to know.
 */
export function InvitationBanner(props: Props) {
  const { invitation, now, t, busy, error } = props;
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const remainingMs = now === null ? null : Date.parse(invitation.expiresAt) - now;

  return (
    <section
      role="alertdialog"
      aria-labelledby={`invitation-${invitation.invitationId}`}
      data-testid="invitation-alert"
      className={[
        'pointer-events-auto w-full rounded-xl border-4 border-alert bg-white',
        'p-4 text-slate-900 shadow-2xl',
      ].join(' ')}
    >
      <div className="flex flex-wrap items-center gap-2">
        <PriorityBadge priority={invitation.priority} t={props.priorities} />
        <h2 id={`invitation-${invitation.invitationId}`} className="text-lg font-bold">
          {t.title}
        </h2>
        <span className="ml-auto font-mono text-base tabular-nums" aria-live="off">
          {t.expiresIn}{' '}
          <strong className="text-alert">
            {remainingMs === null ? '—' : formatElapsed(remainingMs)}
          </strong>
        </span>
      </div>

      <p className="mt-2 text-base">
        <strong>{invitation.reference}</strong> · {invitation.siteName}
        {invitation.nihssOnArrival !== null && (
          <>
            {' '}
            · <strong>NIHSS {invitation.nihssOnArrival}</strong>
          </>
        )}
      </p>
      <p className="mt-1 line-clamp-3 text-base text-slate-800">{invitation.clinicalQuestion}</p>
      <p className="mt-1 text-sm text-slate-600">
        {t.invitedBy} {invitation.invitedBy}
      </p>

      {error && (
        <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-alert">
          {error}
        </p>
      )}

      {!declining ? (
        <div className="mt-3 grid grid-cols-2 gap-3">
          <button
            type="button"
            disabled={busy}
            onClick={props.onAccept}
            className={[
              'min-h-12 rounded-lg bg-emerald-700 px-4 text-lg font-bold text-white',
              'hover:bg-emerald-600 disabled:opacity-60',
            ].join(' ')}
          >
            {t.accept}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => setDeclining(true)}
            className={[
              'min-h-12 rounded-lg border-2 border-slate-400 px-4 text-lg',
              'font-semibold hover:bg-slate-100 disabled:opacity-60',
            ].join(' ')}
          >
            {t.decline}
          </button>
        </div>
      ) : (
        <form
          className="mt-3 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) props.onDecline(reason.trim());
          }}
        >
          <label
            className="block text-sm font-medium"
            htmlFor={`reason-${invitation.invitationId}`}
          >
            {t.declineReason}
          </label>
          <div className="flex flex-wrap gap-2">
            {t.reasons.map((preset) => (
              <button
                key={preset}
                type="button"
                onClick={() => setReason(preset)}
                className={[
                  'min-h-10 rounded-full border border-slate-300 px-3 text-sm',
                  'hover:bg-slate-100',
                ].join(' ')}
              >
                {preset}
              </button>
            ))}
          </div>
          <input
            id={`reason-${invitation.invitationId}`}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            required
            className="block min-h-11 w-full rounded-md border border-slate-400 px-3 text-base"
          />
          <div className="grid grid-cols-2 gap-3">
            <button
              type="submit"
              disabled={busy || !reason.trim()}
              className={[
                'min-h-12 rounded-lg bg-slate-800 px-4 font-semibold text-white',
                'disabled:opacity-50',
              ].join(' ')}
            >
              {t.declineSend}
            </button>
            <button
              type="button"
              onClick={() => setDeclining(false)}
              className="min-h-12 rounded-lg border-2 border-slate-400 px-4 font-semibold"
            >
              ←
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
