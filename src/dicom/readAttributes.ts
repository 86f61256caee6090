import type { DataSet } from 'dicom-parser';

/**
 * Small typed readers over a dicom-parser DataSet. Each returns null (or '') for an absent,
 * empty or malformed value instead of throwing, so one bad attribute never loses a file.
 */

const utf8 = new TextDecoder('utf-8');

/** Text decoding for the value representations that honour SpecificCharacterSet. */
export interface TextReader {
  (dataSet: DataSet, tag: string): string;
}

/**
 * Plain string value (dicom-parser reads bytes as Latin-1 and trims padding); '' when the value
 * runs past the end of the file (parseInstance reports that as TRUNCATED with its offset).
 */
export function readString(dataSet: DataSet, tag: string): string {
  const element = dataSet.elements[tag];
  if (!element || element.length === 0) return '';
  if (element.dataOffset + element.length > dataSet.byteArray.length) return '';
  return dataSet.string(tag) ?? '';
}

/** Reader that decodes UTF-8 text when the dataset declares ISO_IR 192 (PS3.3 C.12.1.1.2). */
export function createTextReader(dataSet: DataSet): TextReader {
  const charset = readString(dataSet, 'x00080005');
  if (!/ISO_IR 192/.test(charset)) return readString;
  return (ds, tag) => {
    const element = ds.elements[tag];
    if (!element || element.length === 0) return '';
    const end = element.dataOffset + element.length;
    if (end > ds.byteArray.length) return '';
    const raw = utf8.decode(ds.byteArray.subarray(element.dataOffset, end));
    return raw.replace(/[\0 ]+$/, '').replace(/^ +/, '');
  };
}

/** All backslash-separated values of a string attribute. */
export function readStrings(dataSet: DataSet, tag: string): string[] {
  const value = readString(dataSet, tag);
  return value === '' ? [] : value.split('\\').map((part) => part.trim());
}

/** First value of a DS/IS attribute as a finite number. */
export function readNumber(dataSet: DataSet, tag: string): number | null {
  const value = readString(dataSet, tag);
  if (value === '') return null;
  const first = value.split('\\', 1)[0] ?? '';
  if (first.trim() === '') return null;
  const parsed = Number(first);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Exactly `count` finite numbers from a multi-valued DS attribute, else null. */
export function readNumbers(dataSet: DataSet, tag: string, count: number): number[] | null {
  const value = readString(dataSet, tag);
  if (value === '') return null;
  const parts = value.split('\\');
  if (parts.length < count) return null;
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const part = parts[i] ?? '';
    const parsed = part.trim() === '' ? NaN : Number(part);
    if (!Number.isFinite(parsed)) return null;
    numbers.push(parsed);
  }
  return numbers;
}

/** An unsigned short (US) value; works for explicit and implicit VR in either byte order. */
export function readUint16(dataSet: DataSet, tag: string): number | null {
  const element = dataSet.elements[tag];
  if (!element || element.length < 2) return null;
  if (element.dataOffset + 2 > dataSet.byteArray.length) return null;
  return dataSet.uint16(tag) ?? null;
}

/** Integer from an IS attribute. */
export function readInteger(dataSet: DataSet, tag: string): number | null {
  const value = readNumber(dataSet, tag);
  return value !== null && Number.isInteger(value) ? value : null;
}

/** Item `index` of a sequence attribute, as a nested DataSet. */
export function readSequenceItem(dataSet: DataSet, tag: string, index = 0): DataSet | null {
  return dataSet.elements[tag]?.items?.[index]?.dataSet ?? null;
}

/** DA `YYYYMMDD` (or the ACR-NEMA `YYYY.MM.DD`) as ISO `YYYY-MM-DD`, null when not a date. */
export function toIsoDate(value: string): string | null {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${m}-${d}`;
}

/** TM `HHMMSS.FFFFFF` (or `HH:MM:SS`) as `HH:MM:SS[.FFFFFF]`, null when not a time. */
export function toIsoTime(value: string): string | null {
  const match = /^(\d{2}):?(\d{2})?:?(\d{2})?(\.\d{1,6})?$/.exec(value.trim());
  if (!match) return null;
  const [, h, m = '00', s = '00', fraction = ''] = match;
  if (Number(h) > 23 || Number(m) > 59 || Number(s) > 60) return null;
  return `${h}:${m}:${s}${fraction}`;
}
