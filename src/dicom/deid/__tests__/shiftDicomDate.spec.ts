import { describe, expect, it } from 'vitest';
import { daysBetween, shiftDa, shiftDt } from '../shiftDicomDate.ts';

describe('shiftDa', () => {
  it('keeps the sample patient’s July → August → October intervals (18 and 56 days)', () => {
    const dates = ['20240725', '20240812', '20241007'];
    for (const offset of [-1, -365, -2000, 17]) {
      const shifted = dates.map((d) => shiftDa(d, offset)!);
      expect(daysBetween(shifted[0]!, shifted[1]!)).toBe(18);
      expect(daysBetween(shifted[1]!, shifted[2]!)).toBe(56);
    }
  });

  it('crosses month, year and leap-day boundaries by the calendar', () => {
    expect(shiftDa('20240301', -1)).toBe('20240229');
    expect(shiftDa('20230301', -1)).toBe('20230228');
    expect(shiftDa('20240101', -1)).toBe('20231231');
    expect(shiftDa('20241007', -371)).toBe('20231002');
  });

  it('returns null for values that are not one full valid date', () => {
    for (const v of ['2024', '20240230', '2024-07-25', '20240725-20240812', ''])
      expect(shiftDa(v, -7), v).toBeNull();
  });
});

describe('shiftDt', () => {
  it('shifts the date part and keeps time, fraction and UTC offset', () => {
    expect(shiftDt('20240725091512.123456+0200', -7)).toBe('20240718091512.123456+0200');
    expect(shiftDt('202407', -7)).toBeNull();
  });
});
