'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { InvitationNotice } from '@/server/cases/deps';
import type { Messages } from '../i18n/messages';
import { callApi, ApiError } from '../lib/api-client';
import { playAlertSound, unlockAlertSound } from '../lib/alert-sound';
import { CASE_EVENTS, caseSocket, onEveryConnect } from '../lib/case-socket';
import { useNow } from '../lib/use-now';
import { InvitationBanner } from './invitation-banner';

interface Props {
  t: Messages['alerts'];
  priorities: Messages['priority'];
  failed: string;
}

/**
 * The invitations waiting for the signed-in user's answer, on every page of the shell. They
 * arrive live ('invitation:new') and are fetched again on load and after each reconnection,
 * so a reload or a dropped connection never hides one.
 */
export function InvitationAlerts({ t, priorities, failed }: Props) {
  const router = useRouter();
  const now = useNow();
  const [pending, setPending] = useState<InvitationNotice[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const pendingRef = useRef(pending);
  pendingRef.current = pending;

  const refetch = useCallback(async () => {
    try {
      setPending(await callApi<InvitationNotice[]>('/api/invitations'));
    } catch {
      // Limitation: a failed catch-up waits for the next reconnection or live notice.
    }
  }, []);

  useEffect(() => {
    const socket = caseSocket();
    const arrived = (notice: InvitationNotice) => {
      setPending((list) => [notice, ...list.filter((i) => i.invitationId !== notice.invitationId)]);
      playAlertSound();
      announce(notice, t, priorities);
    };
    // A coordinator may withdraw the invitation: a change to its case means "look again".
    const changed = ({ caseId }: { caseId: string }) => {
      if (pendingRef.current.some((i) => i.caseId === caseId)) void refetch();
    };

    socket.on(CASE_EVENTS.invitationNew, arrived);
    socket.on(CASE_EVENTS.caseChanged, changed);
    const stopCatchingUp = onEveryConnect(() => void refetch());
    window.addEventListener('pointerdown', unlockAlertSound, { once: true });
    return () => {
      socket.off(CASE_EVENTS.invitationNew, arrived);
      socket.off(CASE_EVENTS.caseChanged, changed);
      stopCatchingUp();
      window.removeEventListener('pointerdown', unlockAlertSound);
    };
  }, [refetch, t, priorities]);

  const answer = async (invitation: InvitationNotice, body: object) => {
    setBusy(invitation.invitationId);
    try {
      await callApi(`/api/invitations/${invitation.invitationId}`, { body });
      setPending((list) => list.filter((i) => i.invitationId !== invitation.invitationId));
      if ('response' in body && body.response === 'accept') {
        router.push(`/cases/${invitation.caseId}`);
      }
    } catch (error) {
      const message = error instanceof ApiError && error.status !== 0 ? error.message : failed;
      setErrors((all) => ({ ...all, [invitation.invitationId]: message }));
    } finally {
      setBusy(null);
    }
  };

  const live = pending.filter((i) => now === null || Date.parse(i.expiresAt) > now);
  if (live.length === 0) return null;

  return (
    <div
      aria-live="assertive"
      className={[
        'pointer-events-none fixed inset-x-0 top-2 z-50 mx-auto flex max-w-xl',
        'flex-col gap-3 px-2',
      ].join(' ')}
    >
      {live.map((invitation) => (
        <InvitationBanner
          key={invitation.invitationId}
          invitation={invitation}
          now={now}
          t={t}
          priorities={priorities}
          busy={busy === invitation.invitationId}
          error={errors[invitation.invitationId] ?? null}
          onAccept={() => void answer(invitation, { response: 'accept' })}
          onDecline={(reason) => void answer(invitation, { response: 'decline', reason })}
        />
      ))}
    </div>
  );
}

/** A system notification when the tab is in the background and the user allowed them. */
function announce(
  notice: InvitationNotice,
  t: Messages['alerts'],
  priorities: Messages['priority'],
) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const priority = priorities[notice.priority as keyof Messages['priority']] ?? notice.priority;
  const nihss = notice.nihssOnArrival === null ? '' : ` · NIHSS ${notice.nihssOnArrival}`;
  const notification = new Notification(`${priority} — ${t.title}`, {
    body: `${notice.siteName}${nihss}\n${notice.clinicalQuestion}`,
    tag: notice.invitationId,
    requireInteraction: true,
  });
  notification.onclick = () => window.focus();
}
