import {
  MATCHING_KEYS,
  RETURN_ATTRIBUTES,
  appliesAt,
  resolveTag,
  type MatchingKey,
  type QidoLevel,
} from './qido-attributes.js';

/** A query the route can run, or the reason it cannot (answered 400). */
export interface QidoQuery {
  level: QidoLevel;
  matches: Array<{ key: MatchingKey; value: string }>;
  /** Tags returned beyond the defaults; `all` adds every optional attribute. */
  includeTags: Set<string>;
  limit?: number;
  offset: number;
}

export class QidoQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QidoQueryError';
  }
}

const IGNORED = new Set(['fuzzymatching']);

/**
 * Reads the query string of a QIDO-RS request at `level`. Matching keys of the level and the
 * levels above it are accepted, by keyword or tag; an unknown key, a bad date or a bad
 * limit throws QidoQueryError naming it. `fuzzymatching` is accepted and ignored: name
 * matching is already case- and accent-insensitive.
 */
export function parseQidoQuery(params: URLSearchParams, level: QidoLevel): QidoQuery {
  const query: QidoQuery = { level, matches: [], includeTags: new Set(), offset: 0 };

  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    if (IGNORED.has(lower)) continue;
    if (lower === 'limit' || lower === 'offset') {
      if (!/^\d{1,9}$/.test(value)) {
        throw new QidoQueryError(`${lower} must be a non-negative integer, got "${value}"`);
      }
      if (lower === 'limit') query.limit = Number(value);
      else query.offset = Number(value);
      continue;
    }
    if (lower === 'includefield') {
      addIncludeFields(query, value);
      continue;
    }

    const key = resolveTag(name, MATCHING_KEYS);
    if (!key) {
      throw new QidoQueryError(`"${name}" is not a query key this archive supports`);
    }
    if (!appliesAt(key.level, level)) {
      throw new QidoQueryError(`${key.keyword} is an ${key.level}-level key; not valid here`);
    }
    if (value === '' || value === '*') continue;
    if (key.kind === 'date') checkDateRange(value, key.keyword);
    if (key.kind === 'integer' && !/^-?\d+$/.test(value)) {
      throw new QidoQueryError(`${key.keyword} must be an integer, got "${value}"`);
    }
    query.matches.push({ key, value });
  }
  return query;
}

function addIncludeFields(query: QidoQuery, value: string): void {
  for (const token of value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    if (token.toLowerCase() === 'all') {
      for (const attribute of RETURN_ATTRIBUTES) query.includeTags.add(attribute.tag);
      continue;
    }
    const attribute = resolveTag(token, RETURN_ATTRIBUTES);
    if (attribute) {
      query.includeTags.add(attribute.tag);
    } else if (!/^[0-9A-Fa-f]{8}$/.test(token) && !/^[A-Za-z][A-Za-z0-9]*$/.test(token)) {
      throw new QidoQueryError(`includefield "${token}" is neither a DICOM tag nor a keyword`);
    }
    // NOTE: a well-formed tag or keyword the index does not hold is accepted and returns
    // nothing, as PS3.18 asks of attributes the origin server does not have.
  }
}

/** A DA value, or a range `a-b`, `-b`, `a-`, each bound YYYYMMDD and a real date. */
export function checkDateRange(value: string, keyword: string): { from?: string; to?: string } {
  const bounds = value.split('-');
  if (bounds.length > 2 || (bounds.length === 2 && bounds[0] === '' && bounds[1] === '')) {
    throw new QidoQueryError(
      `${keyword} "${value}" is not a date or date range (YYYYMMDD-YYYYMMDD)`,
    );
  }
  for (const bound of bounds) {
    if (bound !== '' && !isDate(bound)) {
      throw new QidoQueryError(`${keyword} "${value}": "${bound}" is not a date (YYYYMMDD)`);
    }
  }
  if (bounds.length === 1) return { from: value, to: value };
  return { from: bounds[0] || undefined, to: bounds[1] || undefined };
}

function isDate(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
