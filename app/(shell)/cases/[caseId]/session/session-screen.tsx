'use client';

import dynamic from 'next/dynamic';
import type { Locale } from '@/app/i18n/messages';

// Cornerstone needs WebGL, workers and window: the workspace never renders on the server.
const SessionWorkspace = dynamic(() => import('./session-workspace'), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-500">Loading the viewer…</p>,
});

export function SessionScreen({ caseId, locale }: { caseId: string; locale: Locale }) {
  return <SessionWorkspace caseId={caseId} locale={locale} />;
}
