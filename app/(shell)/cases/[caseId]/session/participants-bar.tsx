'use client';

// Who is in the session, who leads, and this reader's follow / free / lead controls.

import type { SessionClient, SessionSnapshot } from './session-client';

const ROLE_LABELS: Record<string, string> = {
  EMERGENCY_PHYSICIAN: 'Emergency physician',
  NEUROLOGIST: 'Neurologist',
  RADIOLOGIST: 'Radiologist',
  COORDINATOR: 'Coordinator',
  ADMIN: 'Administrator',
};

const CONNECTION_LABELS: Record<SessionSnapshot['connection'], string> = {
  connecting: 'Connecting…',
  joined: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Not allowed',
};

export function ParticipantsBar({
  client,
  state,
}: {
  client: SessionClient;
  state: SessionSnapshot;
}) {
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
        {CONNECTION_LABELS[state.connection]}
        {state.refusal ? ` (${state.refusal})` : ''}
      </span>

      <ul aria-label="participants" className="flex flex-wrap items-center gap-3">
        {state.participants.map((p) => (
          <li
            key={p.userId}
            data-testid="participant"
            data-presence={p.presence}
            className={`flex items-center gap-1.5 ${p.presence === 'active' ? '' : 'opacity-60'}`}
            title={`${ROLE_LABELS[p.role] ?? p.role} · ${p.presence} · ${p.mode}`}
          >
            <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: p.colour }} />
            <span className="font-medium">
              {p.name}
              {p.userId === state.you ? ' (you)' : ''}
            </span>
            {p.userId === state.leaderId ? (
              <span className="rounded bg-sky-700 px-1.5 text-[11px] font-semibold">leads</span>
            ) : (
              <span className="text-[11px] text-slate-400">{p.mode}</span>
            )}
          </li>
        ))}
      </ul>

      {state.connection === 'joined' && me && (
        <div className="ml-auto flex items-center gap-2" data-testid="session-mode">
          {leading ? (
            <span className="text-xs text-slate-300">You lead: the others see your view</span>
          ) : me.mode === 'follow' ? (
            <button
              type="button"
              className="rounded bg-slate-700 px-2 py-1 text-xs hover:bg-slate-600"
              onClick={() => client.setMode('free')}
            >
              Browse freely
            </button>
          ) : (
            <button
              type="button"
              className="rounded bg-sky-700 px-2 py-1 text-xs font-semibold hover:bg-sky-600"
              onClick={() => client.jumpToLeader()}
            >
              Jump back to leader
            </button>
          )}
          {!leading && (
            <button
              type="button"
              className="rounded bg-slate-700 px-2 py-1 text-xs hover:bg-slate-600"
              onClick={() => client.takeLead()}
            >
              Take the lead
            </button>
          )}
        </div>
      )}
    </div>
  );
}
