'use client';

import type { CaseDetail } from '@/server/cases/case-detail';
import { quote } from '../../../lib/quote';
import type { Messages } from '../../../i18n/messages';
import type { LocalTimeFormat } from '../../../lib/local-time';
import { useNow } from '../../../lib/use-now';
import { formatElapsed } from '../../../lib/stroke-clocks';

/** Who takes part, and where the latest invitation stands (with its countdown while pending). */
export function CaseTeam({
  detail,
  t,
  format,
}: {
  detail: CaseDetail;
  t: Messages;
  format: LocalTimeFormat;
}) {
  const now = useNow();
  const invitation = detail.invitation;
  const remaining =
    invitation?.status === 'PENDING' && now !== null
      ? Date.parse(invitation.expiresAt) - now
      : null;

  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-lg font-semibold">{t.caseView.participants}</h2>
      <ul className="mt-2 space-y-1" data-testid="case-participants">
        {detail.participants.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>{' '}
            <span className="text-sm text-slate-600">
              — {t.caseView.caseRole[p.caseRole as keyof Messages['caseView']['caseRole']]}
              {' · '}
              {t.roles[p.role]}
            </span>
          </li>
        ))}
      </ul>
      {invitation && (
        <p className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm" data-testid="case-invitation">
          {t.caseView.invitation}
          {t.common.colon}
          <strong>{invitation.invitee?.name ?? '—'}</strong> —{' '}
          {t.invitationStatus[invitation.status as keyof Messages['invitationStatus']]}
          {remaining !== null && remaining > 0 && (
            <>
              {' '}
              · {t.caseView.expiresIn}{' '}
              <span className="font-mono font-semibold">{formatElapsed(remaining)}</span>
            </>
          )}
          {invitation.reason && <> — {quote(invitation.reason, t.common)}</>}
          {invitation.status === 'PENDING' && (
            <span className="block text-xs text-slate-600">
              → {format.time(invitation.expiresAt)}
            </span>
          )}
        </p>
      )}
    </section>
  );
}
