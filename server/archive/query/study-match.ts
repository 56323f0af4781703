import type { Database } from '../../db/client';
import type { Prisma } from '../../db/generated/client';
import type { MatchingKey } from '../dicomweb/qido-attributes.js';
import { checkDateRange } from '../dicomweb/qido-query.js';
import { patientNameKey } from '../ingest/index.js';

/** One matching key of a query and the value it must match (PS3.4 C.2.2.2). */
export interface StudyMatch {
  key: MatchingKey;
  value: string;
}

/** Where clauses at each level for one query, already narrowed to what the caller may read. */
export interface StudyWhere {
  study: Prisma.StudyWhereInput;
  series: Prisma.SeriesWhereInput;
  instance: Prisma.InstanceWhereInput;
}

/** Index columns wildcard matching may run LIKE on; never built from request text. */
const LIKE_COLUMNS = {
  PatientName: ['Study', 'patientNameKey'],
  PatientID: ['Study', 'dicomPatientId'],
  AccessionNumber: ['Study', 'accessionNumber'],
  StudyID: ['Study', 'studyId'],
} as const;

/**
 * Turns matching keys into Prisma filters (PS3.4 C.2.2.2): single value, `*` and `?`
 * wildcards, UID lists, date ranges. QIDO-RS and C-FIND share it, so a query means the
 * same over HTTP and DIMSE.
 *
 * @param access the studies the caller may read, any of them (an OR); never empty.
 * @param matches the keys with a value; universal matches are left out by the caller.
 */
export async function buildStudyWhere(
  db: Database,
  access: Prisma.StudyWhereInput[],
  matches: readonly StudyMatch[],
): Promise<StudyWhere> {
  const study: Prisma.StudyWhereInput[] = [{ OR: access }];
  const series: Prisma.SeriesWhereInput[] = [];
  const instance: Prisma.InstanceWhereInput[] = [];

  for (const { key, value } of matches) {
    switch (key.keyword) {
      case 'PatientName':
      case 'PatientID':
      case 'AccessionNumber':
      case 'StudyID':
        study.push(await textMatch(db, key.keyword, value));
        break;
      case 'StudyDate': {
        const { from, to } = checkDateRange(value, key.keyword);
        study.push({ studyDate: { ...(from && { gte: from }), ...(to && { lte: to }) } });
        break;
      }
      case 'StudyInstanceUID':
        study.push({ studyInstanceUid: { in: list(value) } });
        break;
      case 'ModalitiesInStudy':
        study.push({ modalitiesInStudy: { hasSome: list(value).map((m) => m.toUpperCase()) } });
        break;
      case 'Modality':
        series.push({ modality: { in: list(value).map((m) => m.toUpperCase()) } });
        break;
      case 'SeriesInstanceUID':
        series.push({ seriesInstanceUid: { in: list(value) } });
        break;
      case 'SeriesNumber':
        series.push({ seriesNumber: Number(value) });
        break;
      case 'SOPInstanceUID':
        instance.push({ sopInstanceUid: { in: list(value) } });
        break;
      case 'SOPClassUID':
        instance.push({ sopClassUid: { in: list(value) } });
        break;
      case 'InstanceNumber':
        instance.push({ instanceNumber: Number(value) });
        break;
    }
  }

  const studyWhere: Prisma.StudyWhereInput = { AND: study };
  const seriesWhere: Prisma.SeriesWhereInput = { AND: [...series, { study: studyWhere }] };
  return {
    study: studyWhere,
    series: seriesWhere,
    instance: { AND: [...instance, { series: seriesWhere }] },
  };
}

/** Value lists are backslash-separated in DICOM; commas are accepted too (PS3.18 8.3.4.1). */
function list(value: string): string[] {
  return value
    .split(/[\\,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

async function textMatch(
  db: Database,
  keyword: keyof typeof LIKE_COLUMNS,
  value: string,
): Promise<Prisma.StudyWhereInput> {
  const [table, column] = LIKE_COLUMNS[keyword];
  const normalised = keyword === 'PatientName' ? patientNameKey(value) : value;

  if (!/[*?]/.test(normalised)) return { [column]: normalised };

  // NOTE: LIKE's own % and _ in the value are escaped; only DICOM's * and ? are wildcards.
  const pattern = normalised
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM "${table}" WHERE "${column}" LIKE $1 ESCAPE '\\'`,
    pattern,
  );
  return { id: { in: rows.map((r) => r.id) } };
}
