import { describe, expect, it } from 'vitest';
import { parseLabCsv } from '../parseLabCsv';

const codes = (text: string) => parseLabCsv(text).errors.map((e) => [e.code, e.row]);

describe('parseLabCsv', () => {
  it('reads a comma file with columns in any order and a "7-40" range', () => {
    const { values, errors } = parseLabCsv(
      'Result,Test,Date,Units,Reference range\n110.6,ALT,2024-07-25,U/L,7-40\n306.6,AST,2024-07-25,U/L,13-35\n',
    );
    expect(errors).toEqual([]);
    expect(values).toEqual([
      expect.objectContaining({
        analyte: 'ALT',
        date: '2024-07-25',
        value: 110.6,
        unit: 'U/L',
        referenceRange: { lower: 7, upper: 40 },
      }),
      expect.objectContaining({
        analyte: 'AST',
        value: 306.6,
        referenceRange: { lower: 13, upper: 35 },
      }),
    ]);
    expect(values[0]?.source).toBe('CSV row 2');
  });

  it('reads a semicolon file with decimal commas, DD.MM.YYYY dates and lower/upper columns', () => {
    const { values, errors } = parseLabCsv(
      'Datum;Analyte;Value;Unit;Lower;Upper\n25.07.2024;TBIL;316,3;umol/L;5,64;18,52\n',
    );
    expect(errors).toEqual([]);
    expect(values[0]).toMatchObject({
      analyte: 'TBIL',
      date: '2024-07-25',
      value: 316.3,
      unit: 'µmol/L',
      referenceRange: { lower: 5.64, upper: 18.52 },
    });
  });

  it('reads quoted decimal commas in a comma file, a BOM and CRLF line ends', () => {
    const { values, errors } = parseLabCsv(
      '\uFEFFdate,analyte,value,unit,range\r\n2024-07-25,T-Bil,"316,3",μmol/l,"5,64 – 18,52"\r\n',
    );
    expect(errors).toEqual([]);
    expect(values[0]).toMatchObject({
      value: 316.3,
      referenceRange: { lower: 5.64, upper: 18.52 },
    });
  });

  it('converts mg/dL bilirubin (× 17.1) and glucose (÷ 18.016) and IU/L, noting it', () => {
    const { values, notices } = parseLabCsv(
      'date,analyte,value,unit,range\n2024-01-01,total bilirubin,1.2,mg/dL,0.1-1.2\n2024-01-01,FBG,180.16,mg/dl,70-110\n2024-01-01,SGPT,50,IU/L,<40\n',
    );
    expect(values[0]?.value).toBeCloseTo(20.52, 10);
    expect(values[0]?.referenceRange.upper).toBeCloseTo(20.52, 10);
    expect(values[1]).toMatchObject({ analyte: 'GLU', unit: 'mmol/L', fasting: true });
    expect(values[1]?.value).toBeCloseTo(10, 10);
    expect(values[2]).toMatchObject({
      analyte: 'ALT',
      value: 50,
      referenceRange: { lower: null, upper: 40 },
    });
    expect(notices.filter((n) => n.code === 'UNIT_CONVERTED').map((n) => n.row)).toEqual([2, 3]);
  });

  it('skips blank rows silently and rows with a blank value with a notice', () => {
    const { values, errors, notices } = parseLabCsv(
      'date,analyte,value,unit,range\n\n2024-01-01,ALT,,U/L,7-40\n,,,,\n2024-01-02,ALT,30,U/L,7-40\n',
    );
    expect(errors).toEqual([]);
    expect(values.map((v) => v.date)).toEqual(['2024-01-02']);
    expect(notices).toEqual([expect.objectContaining({ code: 'BLANK_VALUE_SKIPPED', row: 3 })]);
  });

  it('takes a blank unit or range from the previous row of the same analyte', () => {
    const { values, notices } = parseLabCsv(
      'date,analyte,value,unit,range\n2024-01-01,ALT,30,U/L,7-40\n2024-01-02,ALT,35,,\n2024-01-03,AST,20,U/L,\n',
    );
    expect(values[1]).toMatchObject({
      value: 35,
      unit: 'U/L',
      referenceRange: { lower: 7, upper: 40 },
    });
    expect(values[2]?.referenceRange).toEqual({ lower: null, upper: null });
    expect(notices.map((n) => [n.code, n.row])).toEqual([
      ['UNIT_FROM_PREVIOUS_ROW', 3],
      ['RANGE_FROM_PREVIOUS_ROW', 3],
      ['NO_REFERENCE_RANGE', 4],
    ]);
  });

  it('rejects bad rows with typed errors naming the row and keeps the good ones', () => {
    const text = [
      'date,analyte,value,unit,range',
      '2024-01-01,ALT,30,U/L,7-40', // 2 ok
      '2024-01-01,Ferritin,30,ng/mL,', // 3 unknown analyte
      '2024-02-30,ALT,30,U/L,7-40', // 4 not a calendar date
      '04/08/2024,ALT,30,U/L,7-40', // 5 ambiguous day/month order
      '2024-01-02,ALT,<5,U/L,7-40', // 6 censored value
      '2024-01-02,ALT,"1.234,5",U/L,7-40', // 7 thousands separator
      '2024-01-02,ALT,30,g/L,7-40', // 8 wrong unit for ALT
      '2024-01-02,ALT,30,U/L,40-7', // 9 inverted range
      '2024-01-02,AST,30,,13-35', // 10 no unit and none before
    ].join('\n');
    const result = parseLabCsv(text);
    expect(result.errors.map((e) => [e.code, e.row])).toEqual([
      ['UNKNOWN_ANALYTE', 3],
      ['INVALID_DATE', 4],
      ['INVALID_DATE', 5],
      ['INVALID_VALUE', 6],
      ['INVALID_VALUE', 7],
      ['UNKNOWN_UNIT', 8],
      ['INVALID_RANGE', 9],
      ['MISSING_UNIT', 10],
    ]);
    expect(result.errors[0]?.message).toContain('Row 3');
    expect(result.values).toHaveLength(1);
  });

  it('reports every problem of a row', () => {
    expect(codes('date,analyte,value,unit\nyesterday,ALT,many,U/L\n')).toEqual([
      ['INVALID_DATE', 2],
      ['INVALID_VALUE', 2],
    ]);
  });

  it('rejects a file without the required columns, an empty file and unbalanced quotes', () => {
    expect(parseLabCsv('date,analyte,result\n2024-01-01,ALT,30\n').errors).toEqual([
      expect.objectContaining({ code: 'MISSING_COLUMN', row: 1, column: 'unit' }),
    ]);
    expect(codes(' \n')).toEqual([['EMPTY_FILE', null]]);
    const malformed = parseLabCsv('date,analyte,value,unit\n2024-01-01,ALT,"30,U/L\n');
    expect(malformed.errors.map((e) => e.code)).toContain('MALFORMED_CSV');
    expect(malformed.values).toEqual([]);
  });

  it('reads a fasting column', () => {
    const { values } = parseLabCsv(
      'date,analyte,value,unit,range,fasting\n2024-01-01,GLU,5,mmol/L,3.9-6.1,no\n',
    );
    expect(values[0]?.fasting).toBe(false);
  });
});
