/**
 * Stroke-care time targets for a patient who arrives at the door: the European and American
 * guidelines aim at door-to-CT within 25 minutes and door-to-needle within 60 (45 is the
 * better-performing centres' target). Door-to-specialist and door-to-decision targets are the
 * network's own, for tele-stroke: the neurologist on the line by 15 minutes, a decision by 45.
 */
export const CLOCKS = [
  { key: 'doorToCt', stoppedBy: 'ctAvailableAt', targetMinutes: 25 },
  { key: 'doorToSpecialist', stoppedBy: 'specialistAt', targetMinutes: 15 },
  { key: 'doorToDecision', stoppedBy: 'decisionAt', targetMinutes: 45 },
  { key: 'doorToNeedle', stoppedBy: 'needleAt', targetMinutes: 60 },
] as const;

export type ClockKey = (typeof CLOCKS)[number]['key'];
export type ClockLevel = 'ok' | 'amber' | 'red';

/** Amber from 80 % of the target, red once it is passed. */
export function clockLevel(elapsedMs: number, targetMinutes: number): ClockLevel {
  const minutes = elapsedMs / 60_000;
  if (minutes >= targetMinutes) return 'red';
  if (minutes >= targetMinutes * 0.8) return 'amber';
  return 'ok';
}

/** "1:07:09" or "07:09": a clock a clinician reads at a glance. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

export const LEVEL_CLASSES: Record<ClockLevel, string> = {
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  amber: 'border-amber-400 bg-amber-100 text-amber-950',
  red: 'border-red-500 bg-red-100 text-red-900',
};
