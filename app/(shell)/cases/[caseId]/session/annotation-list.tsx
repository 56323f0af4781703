'use client';

// The session's measurements with who drew them and when, newest first.

import type { SessionAnnotation } from '@/server/realtime/session/protocol';
import type { Locale } from '@/app/i18n/messages';
import { formatNumber, sessionMessages } from '@/app/i18n/session-messages';
import type { SessionClient } from './session-client';

function valueText({ values, label }: SessionAnnotation, locale: Locale) {
  if (values?.lengthMm !== undefined) return `${formatNumber(locale, values.lengthMm, 1)} mm`;
  if (values?.angleDeg !== undefined) return `${formatNumber(locale, values.angleDeg, 1)}°`;
  if (values?.meanHu !== undefined) {
    const area = values.areaMm2 === undefined ? null : formatNumber(locale, values.areaMm2);
    return sessionMessages[locale].session.meanHu(formatNumber(locale, values.meanHu), area);
  }
  return label ?? '';
}

export function AnnotationList({
  client,
  annotations,
  locale,
}: {
  client: SessionClient;
  annotations: SessionAnnotation[];
  locale: Locale;
}) {
  const t = sessionMessages[locale].session;
  if (annotations.length === 0) {
    return <p className="p-2 text-xs text-slate-500">{t.noMeasurement}</p>;
  }
  const sorted = [...annotations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul aria-label={t.measurements} className="divide-y divide-slate-800 text-xs">
      {sorted.map((a) => {
        const author = client.participant(a.authorId);
        return (
          <li
            key={a.id}
            data-testid="annotation-item"
            className="flex items-center gap-2 px-2 py-1.5"
          >
            <span
              className="h-2 w-2 shrink-0 rounded-full"
              style={{ backgroundColor: author?.colour ?? '#94a3b8' }}
            />
            <span className="font-medium">{t.kinds[a.kind]}</span>
            <span className="whitespace-nowrap font-mono">{valueText(a, locale)}</span>
            <span className="ml-auto text-right text-slate-400">
              {author?.name ?? t.formerParticipant} · {time(a.updatedAt, locale)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

const time = (iso: string, locale: Locale) =>
  new Date(iso).toLocaleTimeString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
