import { isIsoDate } from './isoDate';

const NUMBER = /^\+?(\d+)(?:[.,](\d+))?$/;

/**
 * A non-negative lab number, tolerating a decimal comma ("110,6") and spaces; null for
 * anything else (thousands separators, "<5", "n/a"), which the caller reports.
 */
export function parseLabNumber(text: string): number | null {
  const match = NUMBER.exec(text.trim());
  if (!match) return null;
  return Number(`${match[1]}.${match[2] ?? '0'}`);
}

const NUM = String.raw`\+?\d+(?:[.,]\d+)?`;
const BOUNDED = new RegExp(String.raw`^(${NUM})\s*[-–—]\s*(${NUM})$`);
const UPPER_ONLY = new RegExp(String.raw`^(?:<=?|≤)\s*(${NUM})$`);

/** "7-40", "5,64 – 18,52", "< 40", "≤40" → bounds; null when unreadable or lower > upper. */
export function parseReferenceRange(
  text: string,
): { lower: number | null; upper: number | null } | null {
  const trimmed = text.trim();
  const bounded = BOUNDED.exec(trimmed);
  if (bounded) {
    const lower = parseLabNumber(bounded[1]!);
    const upper = parseLabNumber(bounded[2]!);
    return lower !== null && upper !== null && lower <= upper ? { lower, upper } : null;
  }
  const upperOnly = UPPER_ONLY.exec(trimmed);
  if (upperOnly) {
    const upper = parseLabNumber(upperOnly[1]!);
    return upper === null ? null : { lower: null, upper };
  }
  return null;
}

/**
 * YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY (an optional time after it is ignored) → ISO date.
 * DD/MM/YYYY and MM/DD/YYYY are refused: "04/08/2024" is April or August depending on the lab.
 */
export function parseLabDate(text: string): string | null {
  const dateOnly = text.trim().split(/[T ]/)[0] ?? '';
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(dateOnly);
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(dateOnly);
  const parts = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const iso = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
