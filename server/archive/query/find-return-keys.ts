import type { FindLevel } from '../dimse/dimse-server-options.js';

/** A study row as the index holds it, with what C-FIND may return of its series/instance. */
export interface FindRow {
  study: Record<string, unknown> & { modalitiesInStudy: string[] };
  series?: Record<string, unknown>;
  instance?: Record<string, unknown>;
}

interface ReturnKey {
  vr: string;
  level: FindLevel;
  value(row: FindRow): unknown;
}

const study = (column: string) => (row: FindRow) => row.study[column];
const series = (column: string) => (row: FindRow) => row.series?.[column];
const instance = (column: string) => (row: FindRow) => row.instance?.[column];

/**
 * The C-FIND return keys the index can answer, by tag, with the level each belongs to
 * (PS3.4 C.6.2.1.2). Keys of a lower level than the query are never returned.
 */
export const FIND_RETURN_KEYS: Record<string, ReturnKey> = {
  '00080020': { vr: 'DA', level: 'STUDY', value: study('studyDate') },
  '00080030': { vr: 'TM', level: 'STUDY', value: study('studyTime') },
  '00080050': { vr: 'SH', level: 'STUDY', value: study('accessionNumber') },
  '00080061': { vr: 'CS', level: 'STUDY', value: (row) => row.study.modalitiesInStudy },
  '00080090': { vr: 'PN', level: 'STUDY', value: study('referringPhysician') },
  '00081030': { vr: 'LO', level: 'STUDY', value: study('description') },
  '00100010': { vr: 'PN', level: 'STUDY', value: study('patientName') },
  '00100020': { vr: 'LO', level: 'STUDY', value: study('dicomPatientId') },
  '00100030': { vr: 'DA', level: 'STUDY', value: study('patientBirthDate') },
  '00100040': { vr: 'CS', level: 'STUDY', value: study('patientSex') },
  '0020000D': { vr: 'UI', level: 'STUDY', value: study('studyInstanceUid') },
  '00200010': { vr: 'SH', level: 'STUDY', value: study('studyId') },
  '00201206': { vr: 'IS', level: 'STUDY', value: study('numberOfSeries') },
  '00201208': { vr: 'IS', level: 'STUDY', value: study('numberOfInstances') },
  '00080021': { vr: 'DA', level: 'SERIES', value: series('seriesDate') },
  '00080031': { vr: 'TM', level: 'SERIES', value: series('seriesTime') },
  '00080060': { vr: 'CS', level: 'SERIES', value: series('modality') },
  '0008103E': { vr: 'LO', level: 'SERIES', value: series('description') },
  '00180015': { vr: 'CS', level: 'SERIES', value: series('bodyPartExamined') },
  '0020000E': { vr: 'UI', level: 'SERIES', value: series('seriesInstanceUid') },
  '00200011': { vr: 'IS', level: 'SERIES', value: series('seriesNumber') },
  '00201209': { vr: 'IS', level: 'SERIES', value: series('numberOfInstances') },
  '00080016': { vr: 'UI', level: 'IMAGE', value: instance('sopClassUid') },
  '00080018': { vr: 'UI', level: 'IMAGE', value: instance('sopInstanceUid') },
  '00200013': { vr: 'IS', level: 'IMAGE', value: instance('instanceNumber') },
  '00280008': { vr: 'IS', level: 'IMAGE', value: instance('numberOfFrames') },
};

/** Unique keys of each level, returned whether asked or not (PS3.4 C.4.1.2.3.1). */
export const UNIQUE_KEYS: Record<FindLevel, string[]> = {
  STUDY: ['0020000D'],
  SERIES: ['0020000D', '0020000E'],
  IMAGE: ['0020000D', '0020000E', '00080018'],
};

const DEPTH: Record<FindLevel, number> = { STUDY: 0, SERIES: 1, IMAGE: 2 };

/** Whether a key of `keyLevel` may appear in a query at `queryLevel`. */
export function keyFitsLevel(keyLevel: FindLevel, queryLevel: FindLevel): boolean {
  return DEPTH[keyLevel] <= DEPTH[queryLevel];
}

/** A value as DICOM text: lists joined by backslash, absent as ''. */
export function dicomText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('\\');
  return String(value);
}
