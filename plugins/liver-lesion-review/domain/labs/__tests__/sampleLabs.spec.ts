import { describe, expect, it } from 'vitest';
import { SAMPLE_LAB_VALUES, SAMPLE_TREATMENT_EVENTS } from '../../sampleLabs';
import { buildLabTable } from '../buildLabTable';
import { parseLabCsv } from '../parseLabCsv';

const table = buildLabTable(SAMPLE_LAB_VALUES);
const column = (analyte: 'ALT' | 'AST' | 'TBIL' | 'DBIL' | 'GLU') =>
  table.dates.map((d) => d.values[analyte]);

describe('buildLabTable (seed 004, Table 1)', () => {
  it('has the eight dates of Table 1 and its five analytes', () => {
    expect(table.dates.map((d) => d.date)).toEqual([
      '2024-07-25',
      '2024-08-04',
      '2024-08-12',
      '2024-08-29',
      '2024-09-07',
      '2024-10-07',
      '2024-10-10',
      '2024-11-07',
    ]);
    expect(table.analytes).toEqual(['ALT', 'AST', 'TBIL', 'DBIL', 'GLU']);
  });

  it('computes ALT × ULN (ULN 40 U/L) and its CTCAE grade on each date', () => {
    // 110.6/40 = 2.765, 59.7/40 = 1.4925, 36.7/40 = 0.9175, 45.1/40 = 1.1275,
    // 43.7/40 = 1.0925, 60.3/40 = 1.5075, 15.5/40 = 0.3875, 36/40 = 0.9.
    const expected = [2.765, 1.4925, 0.9175, 1.1275, 1.0925, 1.5075, 0.3875, 0.9];
    column('ALT').forEach((v, i) => expect(v?.timesUln).toBeCloseTo(expected[i]!, 10));
    expect(column('ALT').map((v) => v?.ctcae?.grade)).toEqual([1, 1, 0, 1, 1, 1, 0, 0]);
  });

  it('computes AST × ULN (ULN 35 U/L) and its grade', () => {
    // 306.6/35 = 8.76, 164.7/35 = 4.706, 312.7/35 = 8.934, 129.3/35 = 3.694,
    // 60.3/35 = 1.723, 109.5/35 = 3.129.
    const expected = [8.76, 8.76, 4.706, 8.934, 8.934, 3.694, 1.723, 3.129];
    column('AST').forEach((v, i) => expect(v?.timesUln).toBeCloseTo(expected[i]!, 3));
    expect(column('AST').map((v) => v?.ctcae?.grade)).toEqual([3, 3, 2, 3, 3, 2, 1, 2]);
  });

  it('computes total bilirubin × ULN (ULN 18.52 µmol/L) and its grade', () => {
    // 316.3/18.52 = 17.079, 206.4/18.52 = 11.145, 162.5/18.52 = 8.774, 189.1/18.52 = 10.211,
    // 113.3/18.52 = 6.118, 42.1/18.52 = 2.273, 50.6/18.52 = 2.732, 72.4/18.52 = 3.909.
    const expected = [17.079, 11.145, 8.774, 10.211, 6.118, 2.273, 2.732, 3.909];
    column('TBIL').forEach((v, i) => expect(v?.timesUln).toBeCloseTo(expected[i]!, 3));
    // > 10 × G4, > 3–10 × G3, > 1.5–3 × G2.
    expect(column('TBIL').map((v) => v?.ctcae?.grade)).toEqual([4, 4, 3, 4, 3, 2, 2, 3]);
  });

  it('computes direct bilirubin × ULN (ULN 6.78 µmol/L) without a CTCAE grade', () => {
    // 230.3/6.78 = 33.968, 20.8/6.78 = 3.068.
    expect(column('DBIL')[0]?.timesUln).toBeCloseTo(33.968, 3);
    expect(column('DBIL')[5]?.timesUln).toBeCloseTo(3.068, 3);
    expect(column('DBIL').every((v) => v?.ctcae === null)).toBe(true);
  });

  it('grades glucose: 23.22 and 16.08 mmol/L G3, 11.4 G2, 6.39 G1 (> ULN 6.1)', () => {
    expect(column('GLU').map((v) => v?.ctcae?.grade)).toEqual([0, 3, 2, 0, 0, 1, 3, 0]);
  });

  it('has no R ratio (no ALP in Table 1) and Hy’s law not evaluable except Oct 10 (not met)', () => {
    expect(table.dates.every((d) => d.rRatio.r === null)).toBe(true);
    expect(table.dates.map((d) => d.hysLaw.status)).toEqual([
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-met',
      'not-evaluable',
    ]);
  });
});

describe('SAMPLE_LAB_VALUES', () => {
  it('equals Table 1 imported through the CSV parser', () => {
    const csv = [
      'date,analyte,value,unit,range',
      ...SAMPLE_LAB_VALUES.map(
        (v) =>
          `${v.date},${v.analyte},${v.value},${v.unit === 'µmol/L' ? 'umol/L' : v.unit},${v.referenceRange.lower}-${v.referenceRange.upper}`,
      ),
    ].join('\n');
    const imported = parseLabCsv(csv, { source: 'Seed 004, Table 1' });
    expect(imported.errors).toEqual([]);
    expect(imported.values.map(({ source: _s, ...v }) => v)).toEqual(
      SAMPLE_LAB_VALUES.map(({ source: _s, ...v }) => v),
    );
  });
});

describe('SAMPLE_TREATMENT_EVENTS', () => {
  it('starts alpelisib 300 mg in early August and halves it to 150 mg in September', () => {
    const alpelisib = SAMPLE_TREATMENT_EVENTS.filter((e) => e.drug === 'Alpelisib');
    expect(alpelisib.map((e) => [e.kind, e.date.slice(0, 7), e.doseMg])).toEqual([
      ['start', '2024-08', 300],
      ['dose-change', '2024-09', 150],
    ]);
    expect(alpelisib.every((e) => e.dateCertainty === 'approximate')).toBe(true);
  });
});
