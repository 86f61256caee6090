import { describe, expect, it } from 'vitest';
import { gradeCtcae } from '../gradeCtcae';
import { lab } from './labFixtures';

const grade = (...args: Parameters<typeof lab>) => gradeCtcae(lab(...args))?.grade ?? null;

describe('gradeCtcae', () => {
  it('grades ALT/AST on both sides of ULN, 3, 5 and 20 × ULN (CTCAE v5.0)', () => {
    // ULN 40: 40 = 1×, 120 = 3×, 200 = 5×, 800 = 20×; each bound belongs to the lower grade.
    expect(
      [40, 40.04, 120, 120.04, 200, 200.04, 800, 800.04].map((v) => grade('ALT', v, 40)),
    ).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
    expect(grade('AST', 111, 37)).toBe(1); // 3.0 × ULN exactly
  });

  it('grades ALP and GGT on both sides of 2.5, 5 and 20 × ULN', () => {
    expect([100, 250, 250.1, 500, 500.1, 2000, 2000.1].map((v) => grade('ALP', v, 100))).toEqual([
      0, 1, 2, 2, 3, 3, 4,
    ]);
    expect([250, 250.1].map((v) => grade('GGT', v, 100))).toEqual([1, 2]);
  });

  it('grades total bilirubin on both sides of 1.5, 3 and 10 × ULN', () => {
    // ULN 20 µmol/L: 30 = 1.5×, 60 = 3×, 200 = 10×.
    expect([20, 20.01, 30, 30.01, 60, 60.01, 200, 200.01].map((v) => grade('TBIL', v, 20))).toEqual(
      [0, 1, 1, 2, 2, 3, 3, 4],
    );
  });

  it('grades glucose on the CTCAE v4.03 fasting values 8.9, 13.9, 27.8 mmol/L', () => {
    expect(
      [6.1, 6.11, 8.9, 8.91, 13.9, 13.91, 27.8, 27.81].map((v) => grade('GLU', v, 6.1)),
    ).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('warns when glucose is not recorded as fasting, and not when it is', () => {
    expect(gradeCtcae(lab('GLU', 23.22, 6.1))?.caveats.join(' ')).toContain(
      'not recorded as fasting',
    );
    expect(
      gradeCtcae(lab('GLU', 23.22, 6.1, '2024-08-04', { fasting: true }))?.caveats.join(' '),
    ).not.toContain('not recorded as fasting');
  });

  it('grades glucose above 8.9 mmol/L without a ULN but not below it', () => {
    expect(grade('GLU', 9, null)).toBe(2);
    expect(grade('GLU', 7, null)).toBeNull();
  });

  it('gives no grade for direct bilirubin or a value without ULN', () => {
    expect(grade('DBIL', 230.3, 6.78)).toBeNull();
    expect(grade('ALT', 100, null)).toBeNull();
  });

  it('names the band', () => {
    expect(gradeCtcae(lab('AST', 306.6, 35))).toMatchObject({
      grade: 3,
      term: 'Aspartate aminotransferase increased',
      band: '> 5–20 × ULN',
    });
  });
});
