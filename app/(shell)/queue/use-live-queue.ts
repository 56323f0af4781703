'use client';

import { useEffect, useState } from 'react';
import type { CaseSummary } from '@/server/cases/queue';
import { CASE_EVENTS, caseSocket, onEveryConnect, request } from '../../lib/case-socket';

export interface QueueFilter {
  regionCode?: string;
  siteId?: string;
  status?: string;
}

/** A row with the moment it arrived, so its waiting clock ticks from the server's minutes. */
export interface LiveRow {
  row: CaseSummary;
  receivedAt: number;
}

const OPEN = ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION', 'REPORTED'];
const PRIORITY_RANK: Record<string, number> = { STROKE_ALERT: 0, URGENT: 1, ROUTINE: 2 };

/** The server's queue order (server/cases/queue.ts listQueue), kept for rows that arrive live. */
function byUrgency(a: LiveRow, b: LiveRow): number {
  const waited = (r: LiveRow) => r.row.waitingMinutes + (Date.now() - r.receivedAt) / 60_000;
  return (
    Number(b.row.needsCoordinator) - Number(a.row.needsCoordinator) ||
    (PRIORITY_RANK[a.row.priority] ?? 9) - (PRIORITY_RANK[b.row.priority] ?? 9) ||
    waited(b) - waited(a)
  );
}

function matches(row: CaseSummary, filter: QueueFilter): boolean {
  if (!OPEN.includes(row.status)) return false;
  if (filter.status && row.status !== filter.status) return false;
  if (filter.siteId && row.site.id !== filter.siteId) return false;
  if (filter.regionCode && row.region.code !== filter.regionCode) return false;
  return true;
}

/**
 * The live queue: subscribes with the filter (the answer is the current rows), then, for every
 * 'case:changed', asks for that one row and inserts, replaces or drops it. Subscribing again
 * after a reconnection replaces the list, which catches up on whatever was missed.
 */
export function useLiveQueue(filter: QueueFilter) {
  const [rows, setRows] = useState<LiveRow[] | null>(null);
  const [connected, setConnected] = useState(true);
  const { regionCode, siteId, status } = filter;

  useEffect(() => {
    const socket = caseSocket();
    const current = { regionCode, siteId, status };
    const payload = Object.fromEntries(Object.entries(current).filter(([, v]) => v));

    const subscribe = async () => {
      setConnected(true);
      try {
        const fresh = await request<CaseSummary[]>(CASE_EVENTS.queueSubscribe, payload);
        const now = Date.now();
        setRows(fresh.map((row) => ({ row, receivedAt: now })));
      } catch {
        setRows((rows) => rows ?? []);
      }
    };
    const changed = async ({ caseId }: { caseId: string }) => {
      const row = await request<CaseSummary | null>(CASE_EVENTS.queueRow, { caseId }).catch(
        () => undefined,
      );
      if (row === undefined) return;
      setRows((rows) => {
        const others = (rows ?? []).filter((r) => r.row.id !== caseId);
        if (!row || !matches(row, current)) return others;
        return [...others, { row, receivedAt: Date.now() }].sort(byUrgency);
      });
    };
    const lost = () => setConnected(false);

    socket.on(CASE_EVENTS.caseChanged, changed);
    socket.on('disconnect', lost);
    const stop = onEveryConnect(() => void subscribe());
    return () => {
      socket.off(CASE_EVENTS.caseChanged, changed);
      socket.off('disconnect', lost);
      stop();
    };
  }, [regionCode, siteId, status]);

  return { rows, connected };
}
