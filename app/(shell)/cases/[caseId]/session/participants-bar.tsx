'use client';

// Who is in the session, who leads, and this reader's follow / free / lead controls.

import { messages, type Locale } from '@/app/i18n/messages';
import { sessionMessages } from '@/app/i18n/session-messages';
import type { SessionClient, SessionSnapshot } from './session-client';

export function ParticipantsBar({
  client,
  state,
  locale,
}: {
  client: SessionClient;
  state: SessionSnapshot;
  locale: Locale;
}) {
  const t = sessionMessages[locale].session;
  const roles: Record<string, string> = messages[locale].roles;
  const me = client.me;
  const leading = client.isLeader;

  return (
    <div
      className={`flex flex-wrap items-center gap-x-4 gap-y-2 border-b
      border-slate-800 bg-slate-900 px-3 py-2 text-sm text-slate-100`}
    >
      <span
        data-testid="session-connection"
        data-state={state.connection}
        className={`rounded px-2 py-0.5 text-xs font-semibold ${
          state.connection === 'joined' ? 'bg-emerald-700' : 'bg-amber-700'
        }`}
      >
        {t.connection[state.connection]}
        {state.refusal ? ` (${t.refusals[state.refusal]})` : ''}
      </span>

      <ul aria-label={t.participants} className="flex flex-wrap items-center gap-3">
        {state.participants.map((p) => (
          <li
            key={p.userId}
            data-testid="participant"
            data-presence={p.presence}
            className={`flex items-center gap-1.5 ${p.presence === 'active' ? '' : 'opacity-60'}`}
            title={`${roles[p.role] ?? p.role} · ${t.presence[p.presence]} · ${t.modes[p.mode]}`}
          >
            <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: p.colour }} />
            <span className="font-medium">
              {p.name}
              {p.userId === state.you ? t.you : ''}
            </span>
            {p.userId === state.leaderId ? (
              <span className="rounded bg-sky-700 px-1.5 text-[11px] font-semibold">{t.leads}</span>
            ) : (
              <span className="text-[11px] text-slate-400">{t.modes[p.mode]}</span>
            )}
          </li>
        ))}
      </ul>

      {state.connection === 'joined' && me && (
        <div className="ml-auto flex items-center gap-2" data-testid="session-mode">
          {leading ? (
            <span className="text-xs text-slate-300">{t.youLead}</span>
          ) : me.mode === 'follow' ? (
            <button
              type="button"
              className="rounded bg-slate-700 px-2 py-1 text-xs hover:bg-slate-600"
              title={t.browseFreelyTitle}
              onClick={() => client.setMode('free')}
            >
              {t.browseFreely}
            </button>
          ) : (
            <button
              type="button"
              className="rounded bg-sky-700 px-2 py-1 text-xs font-semibold hover:bg-sky-600"
              title={t.jumpToLeaderTitle}
              onClick={() => client.jumpToLeader()}
            >
              {t.jumpToLeader}
            </button>
          )}
          {!leading && (
            <button
              type="button"
              className="rounded bg-slate-700 px-2 py-1 text-xs hover:bg-slate-600"
              title={t.takeLeadTitle}
              data-testid="take-lead"
              onClick={() => client.takeLead()}
            >
              {t.takeLead}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
