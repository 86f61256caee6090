import { describe, expect, it } from 'vitest';
import { deidentifyContent, shiftIsoDate } from '../deidentifyReport';

describe('shiftIsoDate', () => {
  it('moves dates in text by whole days across month and year ends, keeping the rest', () => {
    expect(shiftIsoDate('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftIsoDate('PD since 2024-07-15 (nadir 2023-12-31)', 1)).toBe(
      'PD since 2024-07-16 (nadir 2024-01-01)',
    );
    expect(shiftIsoDate('2026-11-22T08:14:00.000Z', -7)).toBe('2026-11-15T08:14:00.000Z');
  });

  it('leaves invalid dates and longer digit runs alone', () => {
    expect(shiftIsoDate('2024-02-30', 5)).toBe('2024-02-30');
    expect(shiftIsoDate('12024-07-150', 5)).toBe('12024-07-150');
  });
});

describe('deidentifyContent', () => {
  it('shifts every date and instant by the same offset and removes the identifiers', () => {
    const july = Date.UTC(2024, 6, 1);
    const input = {
      dates: ['2024-07-01', '2024-08-19'],
      note: 'Seen for Doe, Jane (ID X-123) on 2024-07-01',
      rows: [{ date: '2024-07-01', timeMs: july, dayOffset: 0, value: 12.5 }],
      byDate: { '2024-08-19': 'x-123 again' },
      untouched: { count: 3, flag: true, none: null },
    };
    const out = deidentifyContent(input, {
      dateOffsetDays: -371,
      identifiers: ['Doe, Jane', 'X-123'],
    });
    // −371 days = −53 weeks: 2024-07-01 (a Monday) → 2023-06-26 (a Monday); 49 days apart stay 49.
    expect(out.dates).toEqual(['2023-06-26', '2023-08-14']);
    expect(out.note).toBe('Seen for [removed] (ID [removed]) on 2023-06-26');
    expect(out.rows[0]).toEqual({
      date: '2023-06-26',
      timeMs: Date.UTC(2023, 5, 26),
      dayOffset: 0,
      value: 12.5,
    });
    expect(out.byDate).toEqual({ '2023-08-14': '[removed] again' });
    expect(out.untouched).toEqual(input.untouched);
    expect(input.dates[0]).toBe('2024-07-01');
  });
});
