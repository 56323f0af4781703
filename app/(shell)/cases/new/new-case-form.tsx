'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { Messages } from '../../../i18n/messages';
import { ApiError, callApi, issuesByField, type ApiIssue } from '../../../lib/api-client';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/local-time';
import { Field, inputClass } from '../../../components/field';
import { PatientSection, type PatientChoice } from './patient-section';

const PRIORITIES = ['STROKE_ALERT', 'URGENT', 'ROUTINE'] as const;
const PRIORITY_CHOICE = [
  'flex min-h-12 cursor-pointer items-center justify-center rounded-lg border-2 px-2',
  'text-center font-semibold',
].join(' ');

interface Props {
  t: Messages['newCase'];
  priorities: Messages['priority'];
  sexes: Messages['sex'];
  failed: string;
}

/**
 * Opening a case: who the patient is, when they came through the door, when they were last
 * known well, how severe (NIHSS) and what the neurologist is asked. The server validates; its
 * complaints are shown beside the fields they concern.
 */
export function NewCaseForm({ t, priorities, sexes, failed }: Props) {
  const router = useRouter();
  const [patient, setPatient] = useState<PatientChoice>({ kind: 'new', localId: '', name: '' });
  const [studyUids, setStudyUids] = useState<string[]>([]);
  const [doorTime, setDoorTime] = useState('');
  const [lastKnownWell, setLastKnownWell] = useState('');
  const [nihss, setNihss] = useState('');
  const [question, setQuestion] = useState('');
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('STROKE_ALERT');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // The door time defaults to now, in the browser's own clock: set after mounting so the
  // server render (another time zone, perhaps) does not disagree with it.
  useEffect(() => setDoorTime(toDateTimeLocal(new Date())), []);

  const localise = (issues: ApiIssue[]) => {
    const raw = issuesByField(issues);
    const shown: Record<string, string> = {};
    for (const [field, message] of Object.entries(raw)) {
      if (message.includes('future')) shown[field] = t.futureTime;
      else if (field === 'lastKnownWell' && message.includes('door')) shown[field] = t.lkwAfterDoor;
      else if (field === 'nihssOnArrival') shown[field] = t.nihssRange;
      else if (/too small|expected string|required/i.test(message)) shown[field] = t.required;
      else shown[field] = message;
    }
    return shown;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setErrors({});
    setFormError(null);

    const nihssValue = nihss.trim() === '' ? undefined : Number(nihss);
    const body = {
      patient:
        patient.kind === 'existing'
          ? { id: patient.id }
          : {
              localId: patient.localId,
              name: patient.name,
              birthDate: patient.birthDate || undefined,
              sex: patient.sex || undefined,
            },
      priority,
      doorTime: fromDateTimeLocal(doorTime) ?? doorTime,
      lastKnownWell: fromDateTimeLocal(lastKnownWell),
      nihssOnArrival: nihssValue,
      clinicalQuestion: question,
      studyInstanceUids: studyUids,
    };

    try {
      const created = await callApi<{ id: string }>('/api/cases', { body });
      router.push(`/cases/${created.id}`);
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.status === 422) {
        setErrors(localise(error.issues));
        setFormError(error.issues.length > 0 ? t.incomplete : error.message);
      } else {
        setFormError(error instanceof ApiError && error.status !== 0 ? error.message : failed);
      }
    }
  };

  const invalid = (field: string) => (errors[field] ? true : undefined);
  // A complaint goes away as soon as its field is touched: stale red text misleads.
  const edited = (field: string) =>
    setErrors((all) => {
      const { [field]: _gone, ...rest } = all;
      return rest;
    });

  return (
    <form onSubmit={submit} noValidate className="space-y-6" data-testid="new-case-form">
      <PatientSection
        t={t}
        sexes={sexes}
        patient={patient}
        onPatient={setPatient}
        studyUids={studyUids}
        onStudyUids={setStudyUids}
        errors={errors}
        onEdited={edited}
      />

      <fieldset className="space-y-4 rounded-lg border border-slate-300 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t.clinical}</legend>

        <div role="radiogroup" aria-label={t.priority} className="grid grid-cols-3 gap-2">
          {PRIORITIES.map((value) => (
            <label
              key={value}
              className={`${PRIORITY_CHOICE} ${
                priority === value
                  ? value === 'STROKE_ALERT'
                    ? 'border-alert bg-alert text-white'
                    : 'border-lagoon-700 bg-lagoon-700 text-white'
                  : 'border-slate-300 bg-white text-slate-800'
              }`}
            >
              <input
                type="radio"
                name="priority"
                value={value}
                checked={priority === value}
                onChange={() => setPriority(value)}
                className="sr-only"
              />
              {priorities[value]}
            </label>
          ))}
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t.doorTime} htmlFor="doorTime" error={errors.doorTime}>
            <div className="flex gap-2">
              <input
                id="doorTime"
                type="datetime-local"
                value={doorTime}
                onChange={(event) => (setDoorTime(event.target.value), edited('doorTime'))}
                aria-invalid={invalid('doorTime')}
                className={inputClass}
              />
              <button
                type="button"
                onClick={() => setDoorTime(toDateTimeLocal(new Date()))}
                className={[
                  'mt-1 min-h-11 rounded-md border border-slate-400 px-3 text-sm',
                  'font-medium',
                ].join(' ')}
              >
                {t.now}
              </button>
            </div>
          </Field>
          <Field label={t.lastKnownWell} htmlFor="lastKnownWell" error={errors.lastKnownWell}>
            <input
              id="lastKnownWell"
              type="datetime-local"
              value={lastKnownWell}
              onChange={(event) => (setLastKnownWell(event.target.value), edited('lastKnownWell'))}
              aria-invalid={invalid('lastKnownWell')}
              className={inputClass}
            />
          </Field>
          <Field label={t.nihss} htmlFor="nihss" error={errors.nihssOnArrival}>
            <input
              id="nihss"
              type="number"
              inputMode="numeric"
              min={0}
              max={42}
              step={1}
              value={nihss}
              onChange={(event) => (setNihss(event.target.value), edited('nihssOnArrival'))}
              aria-invalid={invalid('nihssOnArrival')}
              className={`${inputClass} max-w-32`}
            />
          </Field>
        </div>

        <Field
          label={t.question}
          htmlFor="question"
          hint={t.questionHint}
          error={errors.clinicalQuestion}
        >
          <textarea
            id="question"
            rows={3}
            maxLength={2000}
            value={question}
            onChange={(event) => (setQuestion(event.target.value), edited('clinicalQuestion'))}
            aria-invalid={invalid('clinicalQuestion')}
            className={inputClass}
          />
        </Field>
      </fieldset>

      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-alert">
          {formError}
        </p>
      )}
      <button
        type="submit"
        disabled={submitting}
        className={[
          'min-h-14 w-full rounded-lg bg-alert px-4 text-lg font-bold text-white',
          'hover:bg-red-700 disabled:opacity-60',
        ].join(' ')}
      >
        {submitting ? t.submitting : t.submit}
      </button>
    </form>
  );
}
