'use client';

// The label of an arrow or text annotation, typed in a small field over the image: the
// browser's prompt() would block the page and every other participant's updates with it.

import { useState, type KeyboardEvent } from 'react';

import type { ViewerMessages } from '@/app/i18n/session-messages';
import type { LabelledTool } from './viewer-tools';

export function LabelInput({
  tool,
  initial,
  t,
  onAnswer,
}: {
  tool: LabelledTool;
  initial: string;
  t: ViewerMessages;
  /** The label typed, or null when the reader gives up. */
  onAnswer: (label: string | null) => void;
}) {
  const [label, setLabel] = useState(initial);

  // Keys stay in the field: arrows would otherwise scroll the slices behind it.
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') onAnswer(null);
  };

  return (
    <form
      data-testid="annotation-label"
      className={`pointer-events-auto absolute inset-x-2 bottom-2 mx-auto flex max-w-md
        items-center gap-2 rounded bg-slate-900/95 p-2 text-xs shadow-lg ring-1 ring-slate-600`}
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer(label);
      }}
      onKeyDown={onKeyDown}
      onPointerDownCapture={(event) => event.stopPropagation()}
      onWheelCapture={(event) => event.stopPropagation()}
    >
      <label className="flex min-w-0 flex-1 items-center gap-2">
        <span className="shrink-0 font-medium">{t.labelOf[tool]}</span>
        <input
          autoFocus
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          placeholder={t.labelPlaceholder}
          maxLength={200}
          className="min-w-0 flex-1 rounded bg-slate-800 px-2 py-1 text-slate-100 outline-none
            placeholder:text-slate-500 focus:ring-2 focus:ring-sky-500"
        />
      </label>
      <button
        type="submit"
        disabled={!label.trim()}
        className="rounded bg-sky-600 px-2 py-1 font-medium text-white disabled:opacity-50"
      >
        {t.labelSave}
      </button>
      <button
        type="button"
        className="rounded bg-slate-700 px-2 py-1 hover:bg-slate-600"
        onClick={() => onAnswer(null)}
      >
        {t.labelCancel}
      </button>
    </form>
  );
}
