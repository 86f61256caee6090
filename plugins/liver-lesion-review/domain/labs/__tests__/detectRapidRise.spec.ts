import { describe, expect, it } from 'vitest';
import { detectRapidRise } from '../detectRapidRise';
import { lab } from './labFixtures';

// TBIL with ULN 20 µmol/L.
const tbil = (value: number, date: string) => lab('TBIL', value, 20, date);

describe('detectRapidRise', () => {
  it('is met at exactly 1.5 × an earlier value 14 days before, above ULN', () => {
    const earlier = tbil(40, '2024-03-01');
    const current = tbil(60, '2024-03-15');
    const result = detectRapidRise(current, [earlier, current], 'TBIL');
    expect(result.status).toBe('met');
    expect(result.factor).toBeCloseTo(1.5, 12);
    expect(result.reference).toBe(earlier);
  });

  it('is not met just below 1.5 ×', () => {
    const current = tbil(59.9, '2024-03-15');
    expect(detectRapidRise(current, [tbil(40, '2024-03-01'), current], 'TBIL').status).toBe(
      'not-met',
    );
  });

  it('is not evaluable when the only earlier value is 15 days old', () => {
    const current = tbil(120, '2024-03-16');
    expect(detectRapidRise(current, [tbil(40, '2024-03-01'), current], 'TBIL').status).toBe(
      'not-evaluable',
    );
  });

  it('compares with the lowest earlier value in the window', () => {
    // 30 → 50 → 52: 52 / 30 = 1.73 over 10 days, though only +4 % since the last value.
    const history = [tbil(30, '2024-03-01'), tbil(50, '2024-03-06'), tbil(52, '2024-03-11')];
    const result = detectRapidRise(history[2], history, 'TBIL');
    expect(result.status).toBe('met');
    expect(result.factor).toBeCloseTo(52 / 30, 12);
  });

  it('is not met when the current value is not above ULN, however steep', () => {
    const current = tbil(20, '2024-03-05');
    expect(detectRapidRise(current, [tbil(5, '2024-03-01'), current], 'TBIL').status).toBe(
      'not-met',
    );
  });

  it('ignores values of the same day and of other analytes', () => {
    const current = tbil(80, '2024-03-05');
    const history = [tbil(10, '2024-03-05'), lab('ALT', 10, 40, '2024-03-01'), current];
    expect(detectRapidRise(current, history, 'TBIL').status).toBe('not-evaluable');
  });

  it('follows the seed 004 course: TBIL 42.1 → 50.6 µmol/L in 3 days is × 1.20, not rapid', () => {
    const oct7 = lab('TBIL', 42.1, 18.52, '2024-10-07');
    const oct10 = lab('TBIL', 50.6, 18.52, '2024-10-10');
    const result = detectRapidRise(oct10, [oct7, oct10], 'TBIL');
    expect(result.factor).toBeCloseTo(50.6 / 42.1, 12);
    expect(result.status).toBe('not-met');
  });

  it('takes its window and factor from options', () => {
    const current = tbil(60, '2024-03-21');
    const history = [tbil(40, '2024-03-01'), current];
    expect(detectRapidRise(current, history, 'TBIL', { windowDays: 21 }).status).toBe('met');
    expect(detectRapidRise(current, history, 'TBIL', { windowDays: 21, minFactor: 2 }).status).toBe(
      'not-met',
    );
  });
});
