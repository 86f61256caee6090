import Papa from 'papaparse';
import { LAB_ANALYTES, findAnalyte, unitFactor } from './analytes';
import type { LabImportError, LabImportErrorCode, LabImportNotice } from './LabImportError';
import { parseLabDate, parseLabNumber, parseReferenceRange } from './parseLabFields';
import type { LabAnalyte, LabValue, ReferenceRange } from './types';

export interface LabImportResult {
  /** Accepted values, converted to each analyte's canonical unit, in file order. */
  readonly values: readonly LabValue[];
  /** Rejected rows (and file-level problems); a row with several problems has several. */
  readonly errors: readonly LabImportError[];
  readonly notices: readonly LabImportNotice[];
}

type Column = 'date' | 'analyte' | 'value' | 'unit' | 'lower' | 'upper' | 'range' | 'fasting';

const REQUIRED: readonly Column[] = ['date', 'analyte', 'value', 'unit'];

// Header spellings, compared after normaliseHeader (lower case, "._-" and runs of spaces → " ").
const COLUMN_ALIASES: Readonly<Record<Column, readonly string[]>> = {
  date: ['date', 'sample date', 'collection date', 'collected', 'datum'],
  analyte: ['analyte', 'test', 'parameter', 'name', 'item'],
  value: ['value', 'result'],
  unit: ['unit', 'units'],
  lower: ['lower', 'low', 'lln', 'ref low', 'reference low', 'range low', 'lower limit'],
  upper: ['upper', 'high', 'uln', 'ref high', 'reference high', 'range high', 'upper limit'],
  range: ['range', 'ref range', 'reference range', 'reference', 'normal range'],
  fasting: ['fasting'],
};

const normaliseHeader = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[._\-\s]+/g, ' ')
    .trim();

/** Semicolon files carry decimal commas unquoted, so a ";" in the header wins over ",". */
function detectDelimiter(header: string): string {
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

function parseFasting(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'fasting'].includes(t)) return true;
  if (['no', 'n', 'false', '0'].includes(t)) return false;
  return undefined;
}

/**
 * Lab values from CSV text, one value per row, with a header naming the columns (any order,
 * common spellings accepted): date, analyte, value, unit and either a range ("7-40") or
 * lower/upper columns; optional "fasting". Delimiter ",", ";" or tab; decimal commas, µ/u/μ,
 * IU/L, mg/dL (converted) are accepted. Blank rows are ignored, a blank value skips its row,
 * a blank unit or range is taken from the previous row of the same analyte (each noted).
 * Every other problem rejects its row with a typed error naming the row; the rest imports.
 */
export function parseLabCsv(text: string, options: { source?: string } = {}): LabImportResult {
  const content = text.replace(/^\uFEFF/, '');
  const errors: LabImportError[] = [];
  const notices: LabImportNotice[] = [];
  const values: LabValue[] = [];
  const fail = (
    code: LabImportErrorCode,
    row: number | null,
    column: string | null,
    message: string,
  ) => errors.push({ code, row, column, message });
  if (content.trim() === '') {
    fail('EMPTY_FILE', null, null, 'The file is empty.');
    return { values, errors, notices };
  }
  const parsed = Papa.parse<string[]>(content, {
    delimiter: detectDelimiter(content.split(/\r?\n/, 1)[0] ?? ''),
    skipEmptyLines: false,
  });
  const malformedRows = new Set<number>();
  for (const e of parsed.errors) {
    const row = e.row === undefined ? null : e.row + 1;
    if (row !== null) malformedRows.add(row);
    fail('MALFORMED_CSV', row, null, `${row === null ? 'File' : `Row ${row}`}: ${e.message}.`);
  }
  const [header = [], ...rows] = parsed.data;
  const index = new Map<Column, number>();
  header.forEach((cell, i) => {
    const name = normaliseHeader(cell);
    for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [Column, readonly string[]][])
      if (aliases.includes(name) && !index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    fail(
      'MISSING_COLUMN',
      1,
      missing.join(', '),
      `Header lacks the column(s): ${missing.join(', ')}.`,
    );
    return { values, errors, notices };
  }
  const lastUnit = new Map<LabAnalyte, string>();
  const lastRange = new Map<LabAnalyte, ReferenceRange>();

  rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: Column): string => {
      const at = index.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    if (malformedRows.has(row) || cells.every((c) => c.trim() === '')) return;
    const before = errors.length;
    const analyteText = cell('analyte');
    const analyte = findAnalyte(analyteText);
    if (!analyte)
      fail('UNKNOWN_ANALYTE', row, 'analyte', `Row ${row}: unknown analyte "${analyteText}".`);
    const date = parseLabDate(cell('date'));
    if (!date)
      fail(
        'INVALID_DATE',
        row,
        'date',
        `Row ${row}: "${cell('date')}" is not a date (YYYY-MM-DD or DD.MM.YYYY).`,
      );
    if (!analyte) return;
    const valueText = cell('value');
    if (valueText === '') {
      if (errors.length === before)
        notices.push({
          code: 'BLANK_VALUE_SKIPPED',
          row,
          message: `Row ${row}: no ${analyte} value; row skipped.`,
        });
      return;
    }
    const raw = parseLabNumber(valueText);
    if (raw === null)
      fail('INVALID_VALUE', row, 'value', `Row ${row}: "${valueText}" is not a number.`);
    let unitText = cell('unit');
    if (unitText === '' && lastUnit.has(analyte)) {
      unitText = lastUnit.get(analyte)!;
      notices.push({
        code: 'UNIT_FROM_PREVIOUS_ROW',
        row,
        message: `Row ${row}: unit blank, ${unitText} taken from the previous ${analyte} row.`,
      });
    }
    const factor = unitText === '' ? null : unitFactor(analyte, unitText);
    if (unitText === '') fail('MISSING_UNIT', row, 'unit', `Row ${row}: no unit for ${analyte}.`);
    else if (factor === null)
      fail(
        'UNKNOWN_UNIT',
        row,
        'unit',
        `Row ${row}: "${unitText}" is not a unit for ${analyte} (${Object.keys(LAB_ANALYTES[analyte].unitFactors).join(', ')}).`,
      );
    const range = readRange(cell, row, fail);
    if (errors.length > before || raw === null || factor === null || !date || range === 'invalid')
      return;
    lastUnit.set(analyte, unitText);
    let referenceRange: ReferenceRange;
    if (range) {
      referenceRange = { lower: scale(range.lower, factor), upper: scale(range.upper, factor) };
      lastRange.set(analyte, referenceRange);
    } else if (lastRange.has(analyte)) {
      referenceRange = lastRange.get(analyte)!;
      notices.push({
        code: 'RANGE_FROM_PREVIOUS_ROW',
        row,
        message: `Row ${row}: reference range blank, taken from the previous ${analyte} row.`,
      });
    } else {
      referenceRange = { lower: null, upper: null };
      notices.push({
        code: 'NO_REFERENCE_RANGE',
        row,
        message: `Row ${row}: no reference range; × ULN cannot be computed.`,
      });
    }
    if (factor !== 1)
      notices.push({
        code: 'UNIT_CONVERTED',
        row,
        message: `Row ${row}: ${raw} ${unitText} converted to ${LAB_ANALYTES[analyte].unit}.`,
      });
    const fasting =
      parseFasting(cell('fasting')) ?? (/fasting|fbg|fpg/i.test(analyteText) ? true : undefined);
    values.push({
      analyte,
      date,
      value: raw * factor,
      unit: LAB_ANALYTES[analyte].unit,
      referenceRange,
      ...(fasting === undefined ? {} : { fasting }),
      source: `${options.source ?? 'CSV'} row ${row}`,
    });
  });
  return { values, errors, notices };
}

const scale = (v: number | null, factor: number): number | null => (v === null ? null : v * factor);

type Fail = (code: LabImportErrorCode, row: number, column: string, message: string) => void;

/** The row's range from a "range" cell or lower/upper cells; null when blank. */
function readRange(
  cell: (c: Column) => string,
  row: number,
  fail: Fail,
): { lower: number | null; upper: number | null } | null | 'invalid' {
  const rangeText = cell('range');
  if (rangeText !== '') {
    const range = parseReferenceRange(rangeText);
    if (range) return range;
    fail('INVALID_RANGE', row, 'range', `Row ${row}: reference range "${rangeText}" unreadable.`);
    return 'invalid';
  }
  const lowerText = cell('lower');
  const upperText = cell('upper');
  if (lowerText === '' && upperText === '') return null;
  const lower = lowerText === '' ? null : parseLabNumber(lowerText);
  const upper = upperText === '' ? null : parseLabNumber(upperText);
  const unreadable = (lowerText !== '' && lower === null) || (upperText !== '' && upper === null);
  if (unreadable || (lower !== null && upper !== null && lower > upper)) {
    fail(
      'INVALID_RANGE',
      row,
      'lower/upper',
      `Row ${row}: reference limits "${lowerText}"–"${upperText}" invalid.`,
    );
    return 'invalid';
  }
  return { lower, upper };
}
