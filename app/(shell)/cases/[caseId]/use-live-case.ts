'use client';

import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '@/server/cases/case-detail';
import type { ChatMessage } from '@/server/cases/deps';
import { callApi } from '../../../lib/api-client';
import { CASE_EVENTS, caseSocket, onEveryConnect, request } from '../../../lib/case-socket';

/**
 * One case, kept current: it follows the case's room, refetches the whole detail when the
 * server says the case changed (pushes carry ids only), appends chat lines as they come, and
 * catches up after every reconnection.
 */
export function useLiveCase(initial: CaseDetail) {
  const caseId = initial.id;
  const [detail, setDetail] = useState(initial);
  const [connected, setConnected] = useState(true);

  const refetch = useCallback(async () => {
    try {
      const fresh = await callApi<CaseDetail>(`/api/cases/${caseId}`);
      // NOTE: a chat line pushed while this read was on its way is newer than the answer;
      // lines are never deleted, so keeping the union loses nothing and drops no line.
      setDetail((current) => {
        const known = new Set(fresh.messages.map((m) => m.id));
        const pushed = current.messages.filter((m) => !known.has(m.id));
        if (pushed.length === 0) return fresh;
        const messages = [...fresh.messages, ...pushed].sort((a, b) =>
          a.createdAt.localeCompare(b.createdAt),
        );
        return { ...fresh, messages };
      });
    } catch {
      // Limitation: a failed refresh shows stale data until the next change or reconnection.
    }
  }, [caseId]);

  const addMessage = useCallback((message: ChatMessage) => {
    setDetail((current) =>
      current.messages.some((m) => m.id === message.id)
        ? current
        : { ...current, messages: [...current.messages, message] },
    );
  }, []);

  useEffect(() => {
    const socket = caseSocket();
    const changed = ({ caseId: changedId }: { caseId: string }) => {
      if (changedId === caseId) void refetch();
    };
    const message = (chat: ChatMessage) => {
      if (chat.caseId === caseId) addMessage(chat);
    };
    const lost = () => setConnected(false);

    socket.on(CASE_EVENTS.caseChanged, changed);
    socket.on(CASE_EVENTS.caseMessage, message);
    socket.on('disconnect', lost);
    const stop = onEveryConnect(() => {
      setConnected(true);
      // Read the case once subscribed: a change made in between then reaches us either way.
      void request(CASE_EVENTS.caseSubscribe, { caseId })
        .catch(() => undefined)
        .then(() => refetch());
    });
    return () => {
      socket.off(CASE_EVENTS.caseChanged, changed);
      socket.off(CASE_EVENTS.caseMessage, message);
      socket.off('disconnect', lost);
      stop();
    };
  }, [caseId, refetch, addMessage]);

  return { detail, connected, refetch, addMessage };
}
