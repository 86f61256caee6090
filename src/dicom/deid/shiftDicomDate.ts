/**
 * Date shifting for the Retain Longitudinal Temporal Information with Modified Dates Option
 * (PS3.15 E.3.6): every date of a patient moves by the same whole number of days, so intervals
 * between studies (and the weekday spacing of follow-ups) are kept while the calendar dates are
 * not. Times of day are kept: a whole-day shift leaves them consistent with their dates.
 */

const DAY_MS = 86_400_000;

/** DA "YYYYMMDD" shifted by `days`; null when the value is not a full, valid date. */
export function shiftDa(value: string, days: number): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const shifted = new Date(ms + days * DAY_MS);
  const y = shifted.getUTCFullYear();
  if (y < 1 || y > 9999) return null;
  return (
    String(y).padStart(4, '0') +
    String(shifted.getUTCMonth() + 1).padStart(2, '0') +
    String(shifted.getUTCDate()).padStart(2, '0')
  );
}

/**
 * DT "YYYYMMDD[HHMMSS[.F]][&ZZXX]" with its date part shifted; null when it holds less than a
 * full date (a year or month alone cannot be shifted by days without inventing a day).
 */
export function shiftDt(value: string, days: number): string | null {
  const trimmed = value.trim();
  if (!/^\d{8}/.test(trimmed)) return null;
  const date = shiftDa(trimmed.slice(0, 8), days);
  return date === null ? null : date + trimmed.slice(8);
}

/** Whole days from one DA to another (b − a), for tests and export logs. */
export function daysBetween(a: string, b: string): number {
  const ms = (v: string) => Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8));
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}
