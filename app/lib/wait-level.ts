import type { WaitLevel } from '@/server/cases/clocks';

export interface WaitThresholds {
  amber: number;
  red: number;
}

/**
 * A queue row's level now: the row's waiting minutes when it arrived plus the time since, so a
 * clock skew between workstation and server does not shift the colours. Never below the level
 * the server gave, in case its thresholds changed since the page was loaded.
 */
export function currentWaitLevel(
  waitingMinutes: number,
  serverLevel: WaitLevel,
  thresholds: WaitThresholds,
): WaitLevel {
  const local: WaitLevel =
    waitingMinutes >= thresholds.red ? 'red' : waitingMinutes >= thresholds.amber ? 'amber' : 'ok';
  const rank = { ok: 0, amber: 1, red: 2 };
  return rank[serverLevel] > rank[local] ? serverLevel : local;
}
