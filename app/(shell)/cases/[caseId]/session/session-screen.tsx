'use client';

import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';

import type { Locale } from '@/app/i18n/messages';
import { sessionMessages } from '@/app/i18n/session-messages';

type WorkspaceProps = { caseId: string; locale: Locale };

const loadWorkspace = () => import('./session-workspace');

const LoadingViewer = ({ locale }: { locale: Locale }) => (
  <p className="p-4 text-sm text-slate-500">{sessionMessages[locale].session.loadingViewer}</p>
);

// Cornerstone needs WebGL, workers and window: the workspace never renders on the server.
// NOTE: one loader a language, because next/dynamic's loading component receives no props.
const WORKSPACES: Record<Locale, ComponentType<WorkspaceProps>> = {
  fr: dynamic(loadWorkspace, { ssr: false, loading: () => <LoadingViewer locale="fr" /> }),
  en: dynamic(loadWorkspace, { ssr: false, loading: () => <LoadingViewer locale="en" /> }),
};

export function SessionScreen({ caseId, locale }: WorkspaceProps) {
  const SessionWorkspace = WORKSPACES[locale];
  return <SessionWorkspace caseId={caseId} locale={locale} />;
}
