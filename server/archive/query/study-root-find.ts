import { audit } from '../../audit/audit';
import type { Database } from '../../db/client';
import { MATCHING_KEYS, type QidoLevel } from '../dicomweb/qido-attributes.js';
import { checkDateRange, QidoQueryError } from '../dicomweb/qido-query.js';
import type { IdentifierElement } from '../dimse/c-find-identifier.js';
import type { FindLevel, FindRequest, FindResult } from '../dimse/dimse-server-options.js';
import {
  dicomText,
  FIND_RETURN_KEYS,
  keyFitsLevel,
  UNIQUE_KEYS,
  type FindRow,
} from './find-return-keys.js';
import { buildStudyWhere, type StudyMatch } from './study-match.js';

/** The most matches one C-FIND answers; a modality worklist browser never needs more. */
export const MAX_FIND_MATCHES = 1000;

const QIDO_LEVEL: Record<FindLevel, QidoLevel> = {
  STUDY: 'study',
  SERIES: 'series',
  IMAGE: 'instance',
};

/**
 * Study Root C-FIND over the archive index, with QIDO-RS's matching (the same Prisma
 * filters) and its access rule reduced to what a DICOM node has: the calling AE's site.
 * A node sees its own site's studies only; case participation does not apply to AEs.
 *
 * Limitation: matches beyond MAX_FIND_MATCHES are dropped without a warning status, and
 * optional keys the index does not hold are neither matched nor returned.
 */
export async function findInSite(
  db: Database,
  siteId: string,
  request: Pick<FindRequest<unknown>, 'level' | 'keys'>,
): Promise<FindResult> {
  const { level, keys } = request;

  const matches: StudyMatch[] = [];
  for (const element of keys) {
    const key = MATCHING_KEYS.find((candidate) => candidate.tag === element.tag);
    const known = FIND_RETURN_KEYS[element.tag];
    if (known && !keyFitsLevel(known.level, level)) {
      return { refusal: `Key (${element.tag}) is below the ${level} level` };
    }
    if (!key || element.value === '' || element.value === '*') continue;
    if (key.kind === 'date') {
      try {
        checkDateRange(element.value, key.keyword);
      } catch (error) {
        if (error instanceof QidoQueryError) return { refusal: error.message.slice(0, 64) };
        throw error;
      }
    }
    matches.push({ key, value: element.value });
  }

  const where = await buildStudyWhere(db, [{ siteId }], matches);
  const rows = await fetchRows(db, QIDO_LEVEL[level], where);

  const asked = new Set([...keys.map((k) => k.tag), ...UNIQUE_KEYS[level]]);
  return {
    matches: rows.map((row) => {
      const identifier: IdentifierElement[] = [{ tag: '00080005', vr: 'CS', value: 'ISO_IR 192' }];
      for (const tag of asked) {
        const returned = FIND_RETURN_KEYS[tag];
        if (!returned || !keyFitsLevel(returned.level, level)) continue;
        identifier.push({ tag, vr: returned.vr, value: dicomText(returned.value(row)) });
      }
      return identifier;
    }),
  };
}

async function fetchRows(
  db: Database,
  level: QidoLevel,
  where: Awaited<ReturnType<typeof buildStudyWhere>>,
): Promise<FindRow[]> {
  const take = MAX_FIND_MATCHES;
  if (level === 'study') {
    const studies = await db.study.findMany({
      where: where.study,
      orderBy: [{ studyDate: 'desc' }, { studyInstanceUid: 'asc' }],
      take,
    });
    return studies.map((study) => ({ study }));
  }
  if (level === 'series') {
    const series = await db.series.findMany({
      where: where.series,
      include: { study: true },
      orderBy: [{ seriesNumber: 'asc' }, { seriesInstanceUid: 'asc' }],
      take,
    });
    return series.map(({ study, ...rest }) => ({ study, series: rest }));
  }
  const instances = await db.instance.findMany({
    where: where.instance,
    include: { series: { include: { study: true } } },
    orderBy: [{ instanceNumber: 'asc' }, { sopInstanceUid: 'asc' }],
    take,
  });
  return instances.map(({ series: { study, ...series }, ...instance }) => ({
    study,
    series,
    instance,
  }));
}

/**
 * The onFind of the archive's DIMSE server: `context.siteId` is the calling AE's site, as
 * acceptAssociation found it from db.dicomNode. Each answered query is audited like a QIDO-RS
 * one, with counts only, under the calling AE title (a node has no user).
 */
export function studyRootFind(db: Database) {
  return async (request: FindRequest<{ siteId: string }>): Promise<FindResult> => {
    const result = await findInSite(db, request.context.siteId, request);
    if ('matches' in result) {
      await audit(db, {
        action: 'study.query',
        objectType: QIDO_LEVEL[request.level],
        details: {
          source: 'dimse',
          callingAE: request.callingAE,
          siteId: request.context.siteId,
          level: QIDO_LEVEL[request.level],
          results: result.matches.length,
        },
      });
    }
    return result;
  };
}
