import type { StudyQuery } from './types';

/**
 * QIDO-RS query strings. Orthanc (and some other servers) do not percent-decode query values,
 * so `^ , * - ? .` must go out literally (URLSearchParams would send %5E, %2C: silent
 * non-matches; platform notes). A character that cannot stand literally in a URL query
 * (space, & = # % + and non-ASCII) becomes the single-character wildcard `?` (PS3.4
 * §C.2.2.2.4): the match is then slightly wider, never empty by accident.
 */
export function encodeQidoValue(value: string): string {
  let out = '';
  for (const char of value) {
    out += /^[A-Za-z0-9^,*?.\-_~:/@!$'()]$/.test(char) ? char : '?';
  }
  return out;
}

/** A query string (without `?`) from name/value pairs; empty values are left out. */
export function buildQueryString(
  pairs: ReadonlyArray<readonly [string, string | number | undefined | null]>,
): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => {
      const value = pair[1];
      return value !== undefined && value !== null && String(value).trim() !== '';
    })
    .map(([name, value]) => `${name}=${encodeQidoValue(String(value).trim())}`)
    .join('&');
}

/** Why a study query cannot be sent, or null when it can. */
export function checkStudyQuery(query: StudyQuery): string | null {
  for (const [label, date] of [
    ['StudyDate from', query.studyDateFrom],
    ['StudyDate to', query.studyDateTo],
  ] as const) {
    if (date !== undefined && date.trim() !== '' && !/^\d{8}$/.test(date.trim())) {
      return `${label} must be YYYYMMDD, not "${date}"`;
    }
  }
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1)) {
    return `limit must be a positive integer, not ${query.limit}`;
  }
  return null;
}

/** StudyDate as a QIDO range (PS3.4 §C.2.2.2.5): `from-to`, `from-`, `-to` or one date. */
export function studyDateRange(from?: string, to?: string): string | undefined {
  const a = from?.trim() ?? '';
  const b = to?.trim() ?? '';
  if (!a && !b) return undefined;
  if (a && b && a === b) return a;
  return `${a}-${b}`;
}
