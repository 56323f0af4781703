import { audit } from '../../audit/audit';
import { canReadStudy } from '../../auth/authorization';
import { parsePersonName } from '../dicom/index.js';
import { DEFAULT_MAX_QIDO_RESULTS } from './dicomweb-deps.js';
import { sendDicomJson, sendError } from './http-answer.js';
import { parseAccept } from './media-type.js';
import {
  RETURN_ATTRIBUTES,
  appliesAt,
  type QidoLevel,
  type ReturnAttribute,
} from './qido-attributes.js';
import { buildWhere } from './qido-match.js';
import { QidoQueryError, parseQidoQuery } from './qido-query.js';
import type { DicomwebRequest, DicomwebRoute } from './router.js';

interface StudyRow {
  id: string;
  siteId: string;
  studyInstanceUid: string;
  patientName: string | null;
  dicomPatientId: string | null;
  patientBirthDate: string | null;
  patientSex: string | null;
  studyDate: string | null;
  studyTime: string | null;
  accessionNumber: string | null;
  studyId: string | null;
  description: string | null;
  referringPhysician: string | null;
  modalitiesInStudy: string[];
  numberOfSeries: number;
  numberOfInstances: number;
}

interface SeriesRow {
  seriesInstanceUid: string;
  modality: string | null;
  seriesNumber: number | null;
  description: string | null;
  bodyPartExamined: string | null;
  seriesDate: string | null;
  seriesTime: string | null;
  numberOfInstances: number;
  study: StudyRow;
}

interface InstanceRow {
  sopInstanceUid: string;
  sopClassUid: string;
  instanceNumber: number | null;
  transferSyntaxUid: string;
  rows: number | null;
  columns: number | null;
  numberOfFrames: number;
  series: SeriesRow;
}

type Values = Record<string, string | number | string[] | null | undefined>;

/**
 * QIDO-RS at one level. Path parameters (study, series) become UID matches; the answer is
 * audited once with counts only.
 */
function qidoHandler(level: QidoLevel): DicomwebRoute['handle'] {
  return async (request) => {
    const { deps, req, res, actor, url, params, baseUrl } = request;

    if (!acceptsDicomJson(req.headers.accept)) {
      return sendError(
        res,
        406,
        'not-acceptable',
        'QIDO-RS answers in application/dicom+json (or application/json) only; ' +
          'application/dicom+xml is not supported',
      );
    }

    let query;
    try {
      query = parseQidoQuery(url.searchParams, level);
    } catch (error) {
      if (error instanceof QidoQueryError) return sendError(res, 400, 'bad-query', error.message);
      throw error;
    }
    const [studyUid, seriesUid] = params;
    const path = { studyInstanceUid: studyUid, seriesInstanceUid: seriesUid };

    // Narrow to readable studies in the database, so limit and offset count visible rows.
    const participants = (await deps.participantStudyIds?.(actor)) ?? new Set<string>();
    const where = await buildWhere(deps.db, actor, participants, query);
    if (studyUid) (where.study.AND as object[]).push({ studyInstanceUid: studyUid });
    if (seriesUid) (where.series.AND as object[]).push({ seriesInstanceUid: seriesUid });

    const max = deps.maxQidoResults ?? DEFAULT_MAX_QIDO_RESULTS;
    const take = Math.min(query.limit ?? max, max);
    const page = { skip: query.offset, take: take + 1 };
    const rows = await fetchRows(request, level, where, page);
    const truncated = rows.length > take;
    const visible = rows.slice(0, take).filter((row) => {
      const study = studyOf(row);
      return canReadStudy(actor, { siteId: study.siteId, participant: participants.has(study.id) });
    });

    const returned = RETURN_ATTRIBUTES.filter(
      (attribute: ReturnAttribute) =>
        appliesAt(attribute.level, level) &&
        (attribute.byDefault || query.includeTags.has(attribute.tag)),
    );
    const body = visible.map((row) => toDataSet(valuesOf(row, baseUrl), returned));

    await audit(deps.db, {
      actor,
      action: 'study.query',
      objectType: level,
      studyInstanceUid: path.studyInstanceUid,
      details: {
        level,
        results: visible.length,
        studies: new Set(visible.map((row) => studyOf(row).id)).size,
        keys: query.matches.map((m) => m.key.keyword).join(',') || null,
      },
    });

    if (truncated && (query.limit === undefined || query.limit > max)) {
      res.setHeader(
        'Warning',
        '299 archipel "The number of results exceeded the maximum ' +
          'supported by the server. Additional results can be requested."',
      );
    }
    sendDicomJson(res, 200, body);
  };
}

async function fetchRows(
  request: DicomwebRequest,
  level: QidoLevel,
  where: Awaited<ReturnType<typeof buildWhere>>,
  page: { skip: number; take: number },
): Promise<Array<StudyRow | SeriesRow | InstanceRow>> {
  const db = request.deps.db;
  if (level === 'study') {
    return db.study.findMany({
      where: where.study,
      orderBy: [{ studyDate: 'desc' }, { studyInstanceUid: 'asc' }],
      ...page,
    });
  }
  if (level === 'series') {
    return db.series.findMany({
      where: where.series,
      include: { study: true },
      orderBy: [{ seriesNumber: 'asc' }, { seriesInstanceUid: 'asc' }],
      ...page,
    });
  }
  return db.instance.findMany({
    where: where.instance,
    include: { series: { include: { study: true } } },
    orderBy: [{ instanceNumber: 'asc' }, { sopInstanceUid: 'asc' }],
    ...page,
  });
}

function studyOf(row: StudyRow | SeriesRow | InstanceRow): StudyRow {
  if ('series' in row) return row.series.study;
  if ('study' in row) return row.study;
  return row;
}

/** Values by keyword for one row, from the row up to its study. */
function valuesOf(row: StudyRow | SeriesRow | InstanceRow, baseUrl: string): Values {
  const study = studyOf(row);
  const studyUrl = `${baseUrl}/studies/${study.studyInstanceUid}`;
  const values: Values = {
    StudyDate: study.studyDate,
    StudyTime: study.studyTime,
    AccessionNumber: study.accessionNumber,
    ModalitiesInStudy: study.modalitiesInStudy,
    ReferringPhysicianName: study.referringPhysician,
    StudyDescription: study.description,
    RetrieveURL: studyUrl,
    PatientName: study.patientName,
    PatientID: study.dicomPatientId,
    PatientBirthDate: study.patientBirthDate,
    PatientSex: study.patientSex,
    StudyInstanceUID: study.studyInstanceUid,
    StudyID: study.studyId,
    NumberOfStudyRelatedSeries: study.numberOfSeries,
    NumberOfStudyRelatedInstances: study.numberOfInstances,
  };

  const series = 'series' in row ? row.series : 'study' in row ? row : undefined;
  if (series) {
    const seriesUrl = `${studyUrl}/series/${series.seriesInstanceUid}`;
    Object.assign(values, {
      Modality: series.modality,
      SeriesDescription: series.description,
      SeriesDate: series.seriesDate,
      SeriesTime: series.seriesTime,
      BodyPartExamined: series.bodyPartExamined,
      SeriesInstanceUID: series.seriesInstanceUid,
      SeriesNumber: series.seriesNumber,
      NumberOfSeriesRelatedInstances: series.numberOfInstances,
      RetrieveURL: seriesUrl,
    });
    if ('sopInstanceUid' in row) {
      Object.assign(values, {
        SOPClassUID: row.sopClassUid,
        SOPInstanceUID: row.sopInstanceUid,
        AvailableTransferSyntaxUID: row.transferSyntaxUid,
        InstanceNumber: row.instanceNumber,
        Rows: row.rows,
        Columns: row.columns,
        NumberOfFrames: row.numberOfFrames,
        RetrieveURL: `${seriesUrl}/instances/${row.sopInstanceUid}`,
      });
    }
  }
  return values;
}

/** The DICOM JSON Model (PS3.18 F.2): empty attributes keep their VR and carry no Value. */
function toDataSet(values: Values, attributes: ReturnAttribute[]): Record<string, unknown> {
  const dataSet: Record<string, unknown> = {};
  for (const attribute of [...attributes].sort((a, b) => a.tag.localeCompare(b.tag))) {
    const value = values[attribute.keyword];
    const empty = value === null || value === undefined || value === '';
    const list = Array.isArray(value) ? value : empty ? [] : [value];
    if (list.length === 0) {
      dataSet[attribute.tag] = { vr: attribute.vr };
    } else if (attribute.vr === 'PN') {
      const names = list.map((v) => parsePersonName(String(v))).filter((n) => n !== undefined);
      dataSet[attribute.tag] = names.length ? { vr: 'PN', Value: names } : { vr: 'PN' };
    } else if (attribute.vr === 'IS' || attribute.vr === 'US') {
      dataSet[attribute.tag] = { vr: attribute.vr, Value: list.map(Number) };
    } else {
      dataSet[attribute.tag] = { vr: attribute.vr, Value: list.map(String) };
    }
  }
  return dataSet;
}

const JSON_TYPES = new Set(['application/dicom+json', 'application/json', '*/*', 'application/*']);

function acceptsDicomJson(accept: string | undefined): boolean {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return true;
  return ranges.some(
    (range) =>
      JSON_TYPES.has(range.type) ||
      (range.type === 'multipart/related' &&
        range.parameters.type?.toLowerCase() === 'application/dicom+json'),
  );
}

const UID = '([^/]+)';

export const qidoRoutes: DicomwebRoute[] = [
  { method: 'GET', path: /^\/studies$/, handle: qidoHandler('study') },
  { method: 'GET', path: /^\/series$/, handle: qidoHandler('series') },
  { method: 'GET', path: /^\/instances$/, handle: qidoHandler('instance') },
  { method: 'GET', path: new RegExp(`^/studies/${UID}/series$`), handle: qidoHandler('series') },
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/instances$`),
    handle: qidoHandler('instance'),
  },
  {
    method: 'GET',
    path: new RegExp(`^/studies/${UID}/series/${UID}/instances$`),
    handle: qidoHandler('instance'),
  },
];
