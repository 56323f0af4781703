'use client';

import { useState } from 'react';
import type { Messages } from '../../../i18n/messages';
import { ApiError, callApi } from '../../../lib/api-client';
import { Field, inputClass } from '../../../components/field';
import { readablePersonName, readableStudyDate, type PatientLookup } from './patient-lookup';

export type PatientChoice =
  | { kind: 'existing'; id: string; localId: string }
  | { kind: 'new'; localId: string; name: string; birthDate?: string; sex?: string };

interface Props {
  t: Messages['newCase'];
  sexes: Messages['sex'];
  patient: PatientChoice;
  onPatient: (patient: PatientChoice) => void;
  studyUids: string[];
  onStudyUids: (uids: string[]) => void;
  errors: Record<string, string>;
  onEdited: (field: string) => void;
}

/**
 * The patient, found by the site's identifier: an existing patient is taken as is, with the
 * studies the archive already holds for them ticked; a new one is filled from the scanner's
 * DICOM header when the CT came first.
 */
export function PatientSection(props: Props) {
  const { t, sexes, patient, onPatient, errors } = props;
  const [lookup, setLookup] = useState<PatientLookup | null>(null);
  const [searching, setSearching] = useState(false);
  const [lookupError, setLookupError] = useState<string | null>(null);

  const search = async () => {
    const localId = patient.localId.trim();
    if (!localId) return setLookupError(t.lookupFirst);
    setSearching(true);
    setLookupError(null);
    try {
      const found = await callApi<PatientLookup>(
        `/api/patients?localId=${encodeURIComponent(localId)}`,
      );
      setLookup(found);
      props.onStudyUids(found.studies.map((s) => s.studyInstanceUid));
      onPatient(
        found.patient
          ? { kind: 'existing', id: found.patient.id, localId }
          : { kind: 'new', localId, name: readablePersonName(found.dicomPatientName) },
      );
    } catch (error) {
      setLookupError(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSearching(false);
    }
  };

  const setLocalId = (localId: string) => {
    props.onEdited('patient.localId');
    props.onEdited('patient');
    setLookup(null);
    props.onStudyUids([]);
    onPatient({ kind: 'new', localId, name: patient.kind === 'new' ? patient.name : '' });
  };

  const toggleStudy = (uid: string, ticked: boolean) =>
    props.onStudyUids(
      ticked ? [...props.studyUids, uid] : props.studyUids.filter((u) => u !== uid),
    );

  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-300 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{t.patient}</legend>

      <Field
        label={t.localId}
        htmlFor="localId"
        error={lookupError ?? errors['patient.localId'] ?? errors.patient}
      >
        <div className="flex gap-2">
          <input
            id="localId"
            value={patient.localId}
            onChange={(event) => setLocalId(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void search();
              }
            }}
            autoComplete="off"
            className={inputClass}
          />
          <button
            type="button"
            onClick={() => void search()}
            disabled={searching}
            className={[
              'mt-1 min-h-11 rounded-md bg-lagoon-700 px-4 font-semibold text-white',
              'disabled:opacity-60',
            ].join(' ')}
          >
            {searching ? t.lookingUp : t.lookup}
          </button>
        </div>
      </Field>

      {lookup?.patient && (
        <p
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3"
          data-testid="known-patient"
        >
          <span className="block text-sm text-emerald-900">{t.existing}</span>
          <strong className="text-lg">{readablePersonName(lookup.patient.name)}</strong>
          {lookup.patient.birthDate && ` · ${lookup.patient.birthDate}`}
          {lookup.patient.sex && ` · ${sexes[lookup.patient.sex as keyof typeof sexes] ?? ''}`}
        </p>
      )}

      {patient.kind === 'new' && (
        <>
          {lookup && !lookup.patient && <p className="text-sm text-slate-700">{t.notFound}</p>}
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
            <Field
              label={t.name}
              htmlFor="patientName"
              error={errors['patient.name']}
              hint={lookup?.dicomPatientName ? t.fromArchive : undefined}
            >
              <input
                id="patientName"
                value={patient.name}
                onChange={(event) => {
                  props.onEdited('patient.name');
                  onPatient({ ...patient, name: event.target.value });
                }}
                aria-invalid={errors['patient.name'] ? true : undefined}
                autoComplete="off"
                className={inputClass}
              />
            </Field>
            <Field label={t.birthDate} htmlFor="birthDate" error={errors['patient.birthDate']}>
              <input
                id="birthDate"
                type="date"
                value={patient.birthDate ?? ''}
                onChange={(event) => onPatient({ ...patient, birthDate: event.target.value })}
                className={inputClass}
              />
            </Field>
            <Field label={t.sex} htmlFor="sex">
              <select
                id="sex"
                value={patient.sex ?? ''}
                onChange={(event) => onPatient({ ...patient, sex: event.target.value })}
                className={inputClass}
              >
                <option value="">—</option>
                <option value="F">{sexes.F}</option>
                <option value="M">{sexes.M}</option>
                <option value="O">{sexes.O}</option>
              </select>
            </Field>
          </div>
        </>
      )}

      {lookup && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">{t.studies}</h3>
          {lookup.studies.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">{t.noStudies}</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-200 rounded-md border border-slate-300">
              {lookup.studies.map((study) => (
                <li key={study.studyInstanceUid}>
                  <label className="flex min-h-12 cursor-pointer items-center gap-3 px-3 py-2">
                    <input
                      type="checkbox"
                      className="size-5"
                      checked={props.studyUids.includes(study.studyInstanceUid)}
                      onChange={(event) =>
                        toggleStudy(study.studyInstanceUid, event.target.checked)
                      }
                    />
                    <span>
                      <strong>{study.modalities.join('/') || '?'}</strong> {study.description ?? ''}
                      <span className="block text-xs text-slate-600">
                        {readableStudyDate(study.studyDate)} · {study.numberOfInstances} images
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {errors.studyInstanceUids && (
            <p role="alert" className="mt-1 text-sm text-alert">
              {errors.studyInstanceUids}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
