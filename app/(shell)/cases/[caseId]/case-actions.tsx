'use client';

import { useEffect, useState } from 'react';
import type { CaseDetail } from '@/server/cases/case-detail';
import type { Messages } from '../../../i18n/messages';
import { ApiError, callApi } from '../../../lib/api-client';
import {
  mayCancel,
  mayClose,
  mayEscalate,
  mayRecordTimes,
  mayReport,
  type CaseViewer,
} from '../../../lib/case-permissions';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/local-time';
import { useNow } from '../../../lib/use-now';
import { inputClass } from '../../../components/field';

interface Props {
  detail: CaseDetail;
  viewer: CaseViewer;
  t: Messages;
  onDone: () => void;
}

const button =
  'min-h-12 rounded-lg px-4 font-semibold disabled:opacity-50 border-2 whitespace-nowrap';

/**
 * What this viewer may do to the case now: give the opinion, close, cancel (with a reason),
 * escalate, and record the decision and needle times that stop their clocks.
 */
export function CaseActions({ detail, viewer, t, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const { status } = detail;

  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await callApi(`/api/cases/${detail.id}/${path}`, { method: 'POST', body });
      setCancelling(false);
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.common.failed);
    } finally {
      setBusy(false);
    }
  };

  const buttons = [
    mayReport(viewer, status) && (
      <button
        key="report"
        disabled={busy}
        onClick={() => void act('transitions', { to: 'REPORTED' })}
        className={`${button} border-lagoon-700 bg-lagoon-700 text-white`}
      >
        {t.caseView.report}
      </button>
    ),
    mayClose(viewer, status) && (
      <button
        key="close"
        disabled={busy}
        onClick={() => void act('transitions', { to: 'CLOSED' })}
        className={`${button} border-slate-700 bg-slate-800 text-white`}
      >
        {t.caseView.close}
      </button>
    ),
    mayEscalate(viewer, status) && (
      <button
        key="escalate"
        disabled={busy || detail.escalated}
        onClick={() => void act('escalate')}
        className={`${button} border-purple-700 text-purple-800`}
      >
        {t.caseView.escalate}
      </button>
    ),
    mayCancel(viewer, status) && (
      <button
        key="cancel"
        disabled={busy}
        onClick={() => setCancelling(true)}
        className={`${button} border-alert text-alert`}
      >
        {t.caseView.cancelCase}
      </button>
    ),
  ].filter(Boolean);
  const times = mayRecordTimes(viewer, status);
  if (buttons.length === 0 && !times) return null;

  return (
    <section className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 className="text-lg font-semibold">{t.caseView.actions}</h2>
      {buttons.length > 0 && <div className="flex flex-wrap gap-2">{buttons}</div>}

      {cancelling && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void act('transitions', { to: 'CANCELLED', reason: reason.trim() || undefined });
          }}
        >
          <label className="min-w-56 flex-1 text-sm font-semibold">
            {t.caseView.cancelReason}
            <input
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={500}
              className={inputClass}
            />
          </label>
          <button disabled={busy} className={`${button} border-alert bg-alert text-white`}>
            {t.common.confirm}
          </button>
          <button type="button" onClick={() => setCancelling(false)} className={button}>
            {t.common.cancel}
          </button>
        </form>
      )}

      {times && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TimeRecorder
            id="decisionAt"
            label={t.caseView.decisionAt}
            recorded={detail.times.decisionAt}
            action={t.caseView.record}
            busy={busy}
            onRecord={(at) => void act('times', { decisionAt: at })}
          />
          <TimeRecorder
            id="needleAt"
            label={t.caseView.needleAt}
            recorded={detail.times.needleAt}
            action={t.caseView.record}
            busy={busy}
            onRecord={(at) => void act('times', { needleAt: at })}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** One treatment time: now by default, correctable before it is recorded. */
function TimeRecorder(props: {
  id: string;
  label: string;
  recorded: string | null;
  action: string;
  busy: boolean;
  onRecord: (iso: string) => void;
}) {
  // Until the reader corrects it, an unrecorded time follows the clock: a case page open for
  // half an hour must not record the moment it was opened as the needle time.
  const now = useNow(10_000);
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => setTyped(null), [props.recorded]);
  const shown = props.recorded ? new Date(props.recorded) : now === null ? null : new Date(now);
  const value = typed ?? (shown ? toDateTimeLocal(shown) : '');

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const at =
          typed === null && !props.recorded ? new Date().toISOString() : fromDateTimeLocal(value);
        if (at) props.onRecord(at);
      }}
    >
      <label htmlFor={props.id} className="block text-sm font-semibold">
        {props.label} {props.recorded && '✓'}
      </label>
      <div className="flex gap-2">
        <input
          id={props.id}
          type="datetime-local"
          value={value}
          onChange={(event) => setTyped(event.target.value)}
          className={inputClass}
        />
        <button
          disabled={props.busy}
          className={[
            'mt-1 min-h-11 rounded-md bg-lagoon-700 px-3 text-sm font-semibold',
            'text-white disabled:opacity-50',
          ].join(' ')}
        >
          {props.action}
        </button>
      </div>
    </form>
  );
}
