'use client';

import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@/server/cases/deps';
import type { Messages } from '../../../i18n/messages';
import { ApiError, callApi } from '../../../lib/api-client';
import type { LocalTimeFormat } from '../../../lib/local-time';

interface Props {
  caseId: string;
  messages: ChatMessage[];
  me: string;
  t: Messages['caseView'];
  format: LocalTimeFormat;
  onPosted: (message: ChatMessage) => void;
}

/** The case's conversation: stored with the case, pushed live to everyone on the page. */
export function CaseChat({ caseId, messages, me, t, format, onPosted }: Props) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  // Scroll the conversation, not the page, to the newest line.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [messages.length]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setSending(true);
    setError(null);
    try {
      onPosted(await callApi<ChatMessage>(`/api/cases/${caseId}/messages`, { body: { body } }));
      setBody('');
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-lg font-semibold">{t.chat}</h2>
      <ol ref={list} className="mt-2 max-h-80 space-y-2 overflow-y-auto" data-testid="case-chat">
        {messages.length === 0 && <li className="text-sm text-slate-600">{t.chatEmpty}</li>}
        {messages.map((message) => {
          const mine = message.author.id === me;
          return (
            <li
              key={message.id}
              className={`max-w-[85%] rounded-lg px-3 py-2 ${
                mine ? 'ml-auto bg-lagoon-100' : 'bg-slate-100'
              }`}
            >
              <p className="text-xs text-slate-600">
                <strong>{message.author.name}</strong> · {format.time(message.createdAt)}
              </p>
              <p className="whitespace-pre-line">{message.body}</p>
            </li>
          );
        })}
      </ol>
      <form onSubmit={send} className="mt-3 flex gap-2">
        <input
          value={body}
          onChange={(event) => setBody(event.target.value)}
          placeholder={t.chatPlaceholder}
          aria-label={t.chatPlaceholder}
          maxLength={4000}
          className="min-h-11 flex-1 rounded-md border border-slate-400 px-3 text-base"
        />
        <button
          disabled={sending || !body.trim()}
          className={[
            'min-h-11 rounded-md bg-lagoon-700 px-4 font-semibold text-white',
            'disabled:opacity-50',
          ].join(' ')}
        >
          {t.send}
        </button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-alert">
          {error}
        </p>
      )}
    </section>
  );
}
