/**
 * The stroke clocks of a case, in minutes from the door (arrival) time. A clock that has not
 * stopped yet is absent; the page keeps the running ones ticking from doorTime.
 */
export interface StrokeClocks {
  doorToCt?: number;
  doorToSpecialist?: number;
  doorToDecision?: number;
  doorToNeedle?: number;
}

export interface ClockTimes {
  doorTime: Date;
  ctAvailableAt: Date | null;
  specialistAt: Date | null;
  decisionAt: Date | null;
  needleAt: Date | null;
}

const minutesBetween = (from: Date, to: Date | null) =>
  to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000)) : undefined;

export function strokeClocks(times: ClockTimes): StrokeClocks {
  return {
    doorToCt: minutesBetween(times.doorTime, times.ctAvailableAt),
    doorToSpecialist: minutesBetween(times.doorTime, times.specialistAt),
    doorToDecision: minutesBetween(times.doorTime, times.decisionAt),
    doorToNeedle: minutesBetween(times.doorTime, times.needleAt),
  };
}

export type WaitLevel = 'ok' | 'amber' | 'red';

/** How urgent a wait looks on the queue, from thresholds coordinators configure. */
export function waitLevel(waitingMinutes: number, thresholds: { amber: number; red: number }) {
  if (waitingMinutes >= thresholds.red) return 'red' as const;
  if (waitingMinutes >= thresholds.amber) return 'amber' as const;
  return 'ok' as const;
}
