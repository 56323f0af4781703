'use client';

// The session's measurements with who drew them and when, newest first.

import type { SessionAnnotation } from '@/server/realtime/session/protocol';
import type { SessionClient } from './session-client';

const KIND_LABELS: Record<SessionAnnotation['kind'], string> = {
  length: 'Length',
  angle: 'Angle',
  ellipticalRoi: 'Ellipse',
  arrow: 'Arrow',
  text: 'Text',
};

function valueText({ values, label }: SessionAnnotation) {
  if (values?.lengthMm !== undefined) return `${values.lengthMm.toFixed(1)} mm`;
  if (values?.angleDeg !== undefined) return `${values.angleDeg.toFixed(1)}°`;
  if (values?.meanHu !== undefined) {
    const area = values.areaMm2 === undefined ? '' : `, ${values.areaMm2.toFixed(0)} mm²`;
    return `mean ${values.meanHu.toFixed(0)} HU${area}`;
  }
  return label ?? '';
}

export function AnnotationList({
  client,
  annotations,
}: {
  client: SessionClient;
  annotations: SessionAnnotation[];
}) {
  if (annotations.length === 0) {
    return <p className="p-2 text-xs text-slate-500">No measurement yet.</p>;
  }
  const sorted = [...annotations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul aria-label="measurements" className="divide-y divide-slate-800 text-xs">
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
            <span className="font-medium">{KIND_LABELS[a.kind]}</span>
            <span className="font-mono">{valueText(a)}</span>
            <span className="ml-auto text-right text-slate-400">
              {author?.name ?? 'A former participant'} ·{' '}
              {new Date(a.updatedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
