import { describe, expect, it } from 'vitest';
import { classifyInjuryPattern, computeRRatio } from '../computeRRatio';
import { lab } from './labFixtures';

describe('classifyInjuryPattern', () => {
  it('puts R = 5 in hepatocellular and R just below it in mixed (ACG 2014: R ≥ 5)', () => {
    expect(classifyInjuryPattern(5)).toBe('hepatocellular');
    expect(classifyInjuryPattern(4.99)).toBe('mixed');
  });

  it('puts R = 2 in cholestatic and R just above it in mixed (ACG 2014: R ≤ 2)', () => {
    expect(classifyInjuryPattern(2)).toBe('cholestatic');
    expect(classifyInjuryPattern(2.01)).toBe('mixed');
  });
});

describe('computeRRatio', () => {
  it('divides ALT × ULN by ALP × ULN', () => {
    // ALT 200 / 40 = 5 × ULN; ALP 100 / 100 = 1 × ULN → R = 5: hepatocellular.
    const result = computeRRatio(lab('ALT', 200, 40), lab('ALP', 100, 100));
    expect(result.r).toBeCloseTo(5, 12);
    expect(result.pattern).toBe('hepatocellular');
    // ALT 199.6 / 40 = 4.99 → mixed.
    expect(computeRRatio(lab('ALT', 199.6, 40), lab('ALP', 100, 100)).pattern).toBe('mixed');
  });

  it('classifies a cholestatic injury: ALT 2 × ULN, ALP 3 × ULN → R = 0.67', () => {
    const result = computeRRatio(lab('ALT', 80, 40), lab('ALP', 360, 120));
    expect(result.r).toBeCloseTo(2 / 3, 12);
    expect(result.pattern).toBe('cholestatic');
  });

  it('keeps R = 2 exactly cholestatic even when the multiples are rounded (ALT 111/37 ÷ ALP 1.5)', () => {
    // 111 / 37 = 3 × ULN; ALP 180 / 120 = 1.5 × ULN; R = 2.
    expect(computeRRatio(lab('ALT', 111, 37), lab('ALP', 180, 120)).pattern).toBe('cholestatic');
  });

  it('gives no R without ALP, as for seed 004 Table 1', () => {
    const result = computeRRatio(lab('ALT', 110.6, 40), undefined);
    expect(result.r).toBeNull();
    expect(result.pattern).toBeNull();
    expect(result.reason).toContain('ALP');
  });

  it('gives no pattern when ALT and ALP are both within normal limits', () => {
    // R = (38/40) / (15/120) = 7.6 but there is no injury to classify.
    const result = computeRRatio(lab('ALT', 38, 40), lab('ALP', 15, 120));
    expect(result.r).toBeCloseTo(7.6, 12);
    expect(result.pattern).toBeNull();
  });
});
