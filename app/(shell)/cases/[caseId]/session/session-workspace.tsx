'use client';

// The session screen once in the browser: participants bar, the shared viewer with the others'
// cursors, the measurements, and the slot where the video tiles go.

import { useEffect, useState } from 'react';

import type { SessionAnnotation } from '@/server/realtime/session/protocol';
import type { Locale } from '@/app/i18n/messages';
import { sessionMessages } from '@/app/i18n/session-messages';
import { SessionMedia } from '@/app/media/session-media';
import Viewer from '@/app/viewer/viewer';
import { installViewerDebugHook } from '@/app/viewer/debug-hook';
import type { StackViewer } from '@/app/viewer/stack-viewer';
import { AnnotationList } from './annotation-list';
import { CaseContext, type SessionCaseContext } from './case-context';
import { attachAnnotationSync } from './annotation-sync';
import { attachCursorSync } from './cursor-sync';
import { ParticipantsBar } from './participants-bar';
import { RemoteCursors } from './remote-cursors';
import { SessionClient, type SessionSnapshot } from './session-client';
import { attachViewSync } from './view-sync';

interface CaseStudy {
  studyInstanceUid: string;
  description: string | null;
  modalities: string[];
}

export default function SessionWorkspace({ caseId, locale }: { caseId: string; locale: Locale }) {
  const t = sessionMessages[locale].session;
  const [studies, setStudies] = useState<CaseStudy[] | null>(null);
  const [context, setContext] = useState<SessionCaseContext | null>(null);
  const [studyInstanceUid, setStudyInstanceUid] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [viewer, setViewer] = useState<StackViewer | null>(null);
  const [client, setClient] = useState<SessionClient | null>(null);
  const [state, setState] = useState<SessionSnapshot | null>(null);
  const [annotations, setAnnotations] = useState<SessionAnnotation[]>([]);

  useEffect(() => {
    fetch(`/api/cases/${caseId}`, { credentials: 'same-origin' })
      .then(async (response) => {
        if (response.status === 403) throw new Error(t.forbidden);
        if (!response.ok) throw new Error(t.caseUnreadable(response.status));
        const detail = (await response.json()) as SessionCaseContext & { studies: CaseStudy[] };
        setContext(detail);
        setStudies(detail.studies);
        setStudyInstanceUid(detail.studies[0]?.studyInstanceUid ?? null);
      })
      .catch((error: Error) => setLoadError(error.message));
    // The error is worded once, in the language the page opened in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId]);

  // The session connects only once the viewer exists, so that its snapshot finds every
  // listener in place.
  useEffect(() => {
    if (!viewer) return;
    const session = new SessionClient(caseId);
    const detach = [
      attachViewSync(session, viewer),
      attachCursorSync(session, viewer),
      attachAnnotationSync(session, viewer, setAnnotations),
      session.on('change', () => setState(session.state)),
      installViewerDebugHook(viewer, () => ({
        you: session.state.you,
        leaderId: session.state.leaderId,
        mode: session.me?.mode ?? null,
        connection: session.state.connection,
      })),
    ];
    setClient(session);
    setState(session.state);
    return () => {
      for (const off of detach) off();
      session.close();
      setClient(null);
    };
  }, [caseId, viewer]);

  // A follower who scrolls, windows or zooms leaves the leader's view for their own.
  const onNavigate = () => {
    if (client?.isFollowing) client.setMode('free');
  };

  return (
    <div
      className={`flex h-[calc(100dvh-7.5rem)] min-h-[34rem] flex-col overflow-hidden
      rounded-lg border border-slate-800 bg-slate-950 text-slate-100`}
    >
      {context && <CaseContext context={context} locale={locale} />}
      {client && state ? (
        <ParticipantsBar client={client} state={state} locale={locale} />
      ) : (
        <div className="border-b border-slate-800 px-3 py-2 text-sm text-slate-400">
          {t.starting}
        </div>
      )}

      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <div className="relative min-h-0 min-w-0 flex-1">
          {loadError && (
            <p role="alert" className="p-4 text-sm text-red-300">
              {loadError}
            </p>
          )}
          {studies && !studyInstanceUid && (
            <p className="p-4 text-sm text-slate-400">{t.noStudy}</p>
          )}
          {studyInstanceUid && (
            <Viewer
              key={studyInstanceUid}
              studyInstanceUid={studyInstanceUid}
              locale={locale}
              onViewer={setViewer}
              onNavigate={onNavigate}
            >
              {client && viewer && (
                <RemoteCursors client={client} viewer={viewer} fallbackName={t.participant} />
              )}
            </Viewer>
          )}
        </div>

        <aside
          className={`flex shrink-0 flex-col border-slate-800
          max-lg:max-h-48 max-lg:border-t lg:w-72 lg:border-l`}
        >
          {studies && studies.length > 1 && (
            <select
              aria-label={t.study}
              className="m-2 rounded bg-slate-800 p-1 text-xs"
              value={studyInstanceUid ?? ''}
              onChange={(event) => setStudyInstanceUid(event.target.value)}
            >
              {studies.map((s) => (
                <option key={s.studyInstanceUid} value={s.studyInstanceUid}>
                  {s.modalities.join('/')} {s.description ?? s.studyInstanceUid}
                </option>
              ))}
            </select>
          )}
          {/* The participants' video and sound: they talk while they read the CT. */}
          <div
            id="session-media"
            className={`min-h-20 overflow-x-auto bg-slate-50 p-2 text-slate-900
              lg:min-h-48 lg:flex-1 lg:overflow-y-auto`}
          >
            <SessionMedia caseId={caseId} locale={locale} />
          </div>
          <section className="min-h-0 overflow-y-auto border-t border-slate-800">
            <h2 className="px-2 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-400">
              {t.measurements}
            </h2>
            {client && <AnnotationList client={client} annotations={annotations} locale={locale} />}
          </section>
        </aside>
      </div>
    </div>
  );
}
