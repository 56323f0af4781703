/**
 * The attributes QIDO-RS matches on and returns, by keyword and tag. Matching keys are the
 * ones the index can answer; return attributes are PS3.18 Table 10.6.3-3 to -5 defaults plus
 * the optional ones `includefield` adds.
 */
export type QidoLevel = 'study' | 'series' | 'instance';

export type MatchKind = 'person-name' | 'text' | 'date' | 'uid-list' | 'code-list' | 'integer';

export interface MatchingKey {
  keyword: string;
  tag: string;
  level: QidoLevel;
  kind: MatchKind;
}

export const MATCHING_KEYS: MatchingKey[] = [
  { keyword: 'PatientName', tag: '00100010', level: 'study', kind: 'person-name' },
  { keyword: 'PatientID', tag: '00100020', level: 'study', kind: 'text' },
  { keyword: 'StudyDate', tag: '00080020', level: 'study', kind: 'date' },
  { keyword: 'AccessionNumber', tag: '00080050', level: 'study', kind: 'text' },
  { keyword: 'StudyID', tag: '00200010', level: 'study', kind: 'text' },
  { keyword: 'StudyInstanceUID', tag: '0020000D', level: 'study', kind: 'uid-list' },
  { keyword: 'ModalitiesInStudy', tag: '00080061', level: 'study', kind: 'code-list' },
  { keyword: 'Modality', tag: '00080060', level: 'series', kind: 'code-list' },
  { keyword: 'SeriesInstanceUID', tag: '0020000E', level: 'series', kind: 'uid-list' },
  { keyword: 'SeriesNumber', tag: '00200011', level: 'series', kind: 'integer' },
  { keyword: 'SOPInstanceUID', tag: '00080018', level: 'instance', kind: 'uid-list' },
  { keyword: 'SOPClassUID', tag: '00080016', level: 'instance', kind: 'uid-list' },
  { keyword: 'InstanceNumber', tag: '00200013', level: 'instance', kind: 'integer' },
];

/** Attributes a response can carry: tag, VR, level, and whether it is there by default. */
export interface ReturnAttribute {
  keyword: string;
  tag: string;
  vr: string;
  level: QidoLevel;
  byDefault: boolean;
}

const row = (keyword: string, tag: string, vr: string, level: QidoLevel, byDefault = true) =>
  ({ keyword, tag, vr, level, byDefault }) satisfies ReturnAttribute;

export const RETURN_ATTRIBUTES: ReturnAttribute[] = [
  row('StudyDate', '00080020', 'DA', 'study'),
  row('StudyTime', '00080030', 'TM', 'study'),
  row('AccessionNumber', '00080050', 'SH', 'study'),
  row('ModalitiesInStudy', '00080061', 'CS', 'study'),
  row('ReferringPhysicianName', '00080090', 'PN', 'study'),
  row('StudyDescription', '00081030', 'LO', 'study', false),
  row('RetrieveURL', '00081190', 'UR', 'study'),
  row('PatientName', '00100010', 'PN', 'study'),
  row('PatientID', '00100020', 'LO', 'study'),
  row('PatientBirthDate', '00100030', 'DA', 'study'),
  row('PatientSex', '00100040', 'CS', 'study'),
  row('StudyInstanceUID', '0020000D', 'UI', 'study'),
  row('StudyID', '00200010', 'SH', 'study'),
  row('NumberOfStudyRelatedSeries', '00201206', 'IS', 'study'),
  row('NumberOfStudyRelatedInstances', '00201208', 'IS', 'study'),
  row('Modality', '00080060', 'CS', 'series'),
  row('SeriesDescription', '0008103E', 'LO', 'series'),
  row('SeriesDate', '00080021', 'DA', 'series', false),
  row('SeriesTime', '00080031', 'TM', 'series', false),
  row('BodyPartExamined', '00180015', 'CS', 'series', false),
  row('SeriesInstanceUID', '0020000E', 'UI', 'series'),
  row('SeriesNumber', '00200011', 'IS', 'series'),
  row('NumberOfSeriesRelatedInstances', '00201209', 'IS', 'series'),
  row('SOPClassUID', '00080016', 'UI', 'instance'),
  row('SOPInstanceUID', '00080018', 'UI', 'instance'),
  row('AvailableTransferSyntaxUID', '00083002', 'UI', 'instance', false),
  row('InstanceNumber', '00200013', 'IS', 'instance'),
  row('Rows', '00280010', 'US', 'instance'),
  row('Columns', '00280011', 'US', 'instance'),
  row('NumberOfFrames', '00280008', 'IS', 'instance'),
];

const LEVEL_DEPTH: Record<QidoLevel, number> = { study: 0, series: 1, instance: 2 };

/** Whether an attribute of `attributeLevel` belongs in answers at `level` (itself or above). */
export function appliesAt(attributeLevel: QidoLevel, level: QidoLevel): boolean {
  return LEVEL_DEPTH[attributeLevel] <= LEVEL_DEPTH[level];
}

/** A keyword or an 8-hex-digit tag, to the attribute's canonical tag; undefined if unknown. */
export function resolveTag<T extends { keyword: string; tag: string }>(
  token: string,
  known: readonly T[],
): T | undefined {
  const upper = token.toUpperCase();
  return known.find((a) => a.keyword === token || a.tag === upper);
}
