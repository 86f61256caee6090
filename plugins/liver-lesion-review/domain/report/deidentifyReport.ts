/**
 * De-identification of a report's content, in the spirit of PS3.15's basic profile with the
 * Modified Dates option: identity removed, every date moved by the same whole number of days so
 * intervals between dates stay true.
 */

const DAY_MS = 86_400_000;
// ISO dates, also inside date-times ("2024-07-01T…") and sentences; not inside longer numbers.
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
// Numbers that are instants (ms since 1970) in the timeline's rows, events and treatment spans.
const INSTANT_KEYS = new Set(['timeMs', 'fromMs', 'toMs']);

/** An ISO date YYYY-MM-DD moved by `days`; other text is returned as it is. */
export function shiftIsoDate(text: string, days: number): string {
  return text.replace(ISO_DATE, (whole, y: string, m: string, d: string) => {
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const check = new Date(ms);
    if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) return whole;
    return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
  });
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ReportDeidentification {
  /** Whole days added to every date (negative: earlier). */
  readonly dateOffsetDays: number;
  /** Texts to remove wherever they occur (patient name in its forms, patient ID). */
  readonly identifiers: readonly string[];
}

/**
 * Every string of `value` (keys included) with its ISO dates shifted and the identifiers
 * replaced by "[removed]", and every instant (timeMs, fromMs, toMs) shifted; functions and
 * other values are kept. Returns a new value; the input is not changed.
 */
export function deidentifyContent<T>(value: T, deid: ReportDeidentification): T {
  const patterns = deid.identifiers
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((s) => new RegExp(escapeRegExp(s), 'gi'));
  const text = (s: string): string =>
    patterns.reduce((acc, p) => acc.replace(p, '[removed]'), shiftIsoDate(s, deid.dateOffsetDays));
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') return text(v);
    if (typeof v === 'number' && key !== null && INSTANT_KEYS.has(key))
      return v + deid.dateOffsetDays * DAY_MS;
    if (Array.isArray(v)) return v.map((item) => walk(item, null));
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v))
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [text(k), walk(item, k)]));
    return v;
  };
  return walk(value, null) as T;
}
