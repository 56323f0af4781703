'use client';

import { useEffect, useState } from 'react';
import type { Locale } from '@/app/i18n/messages';

export interface SessionCaseContext {
  reference: string;
  priority: 'STROKE_ALERT' | 'URGENT' | 'ROUTINE';
  nihssOnArrival: number | null;
  doorTime: string;
  lastKnownWell: string | null;
  patient: { name: string; sex: string | null };
}

const PRIORITY = {
  fr: { STROKE_ALERT: 'Alerte AVC', URGENT: 'Urgent', ROUTINE: 'Programmé' },
  en: { STROKE_ALERT: 'Stroke alert', URGENT: 'Urgent', ROUTINE: 'Routine' },
};
const WORDS = {
  fr: { door: 'depuis la porte', lkw: 'depuis le dernier moment vu normal' },
  en: { door: 'since the door', lkw: 'since last known well' },
};

function elapsed(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Whose CT this is and how late it is: the reference, priority, patient, NIHSS and the running
 * clocks from the door and from last-known-well stay in sight while the two doctors read.
 */
export function CaseContext({ context, locale }: { context: SessionCaseContext; locale: Locale }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const words = WORDS[locale];

  return (
    <div
      data-testid="session-case-context"
      className={`flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-800
        px-3 py-1.5 text-xs`}
    >
      <span
        className={`rounded px-1.5 py-0.5 font-semibold ${
          context.priority === 'STROKE_ALERT' ? 'bg-red-700 text-white' : 'bg-slate-700'
        }`}
      >
        {PRIORITY[locale][context.priority]}
      </span>
      <span className="font-mono">{context.reference}</span>
      <span className="font-medium">{context.patient.name.replaceAll('^', ' ')}</span>
      {context.nihssOnArrival !== null && <span>NIHSS {context.nihssOnArrival}</span>}
      <span className="text-amber-300">
        {elapsed(context.doorTime, now)} {words.door}
      </span>
      {context.lastKnownWell && (
        <span className="text-slate-300">
          {elapsed(context.lastKnownWell, now)} {words.lkw}
        </span>
      )}
    </div>
  );
}
