import { describe, expect, it } from 'vitest';
import { assessResponse } from '../../quantify/assessResponse';
import { recistProgressionRule, volumetricProgressionRule } from '../progressionRules';
import { context } from './ruleFixtures';

const sphereMl = (d: number) => ((4 / 3) * Math.PI * (d / 2) ** 3) / 1000;
const lesion = (lesionId: string, longestAxialMm: number) => ({
  lesionId,
  longestAxialMm,
  volumeMl: sphereMl(longestAxialMm),
});
// The sample course: July baseline 28 + 20 = 48 mm; August 36 + 27 = 63 mm (+31 %) with new
// L4 and L5. A stable course: 30 + 20 = 50 mm → 32 + 20 = 52 mm (+4 %).
const { timepoints } = assessResponse([
  { date: '2024-07-25', lesions: [lesion('L1', 28), lesion('L2', 20), lesion('L3', 14)] },
  {
    date: '2024-08-12',
    lesions: [
      lesion('L1', 36),
      lesion('L2', 27),
      lesion('L3', 20),
      lesion('L4', 13),
      lesion('L5', 16),
    ],
  },
]);
const { timepoints: stable } = assessResponse([
  { date: '2024-01-01', lesions: [lesion('A', 30), lesion('B', 20)] },
  { date: '2024-03-01', lesions: [lesion('A', 32), lesion('B', 20)] },
]);

describe('recistProgressionRule', () => {
  it('is not evaluable at baseline or without a response, met on PD, not met on SD', () => {
    expect(recistProgressionRule.evaluate(context({ response: timepoints[0]! })).status).toBe(
      'not-evaluable',
    );
    expect(recistProgressionRule.evaluate(context()).status).toBe('not-evaluable');
    const august = recistProgressionRule.evaluate(context({ response: timepoints[1]! }));
    expect(august.status).toBe('met');
    expect(august.trace.find((t) => t.label === 'New lesions')?.value).toBe('L4, L5');
    expect(august.trace.find((t) => t.label === 'Change from nadir')?.value).toBe('+31.3 %');
    // 50 → 52 mm: +4 %: SD.
    expect(recistProgressionRule.evaluate(context({ response: stable[1]! })).status).toBe(
      'not-met',
    );
  });
});

describe('volumetricProgressionRule', () => {
  it('is met on volumetric PD and not met below +72.8 %', () => {
    expect(volumetricProgressionRule.evaluate(context({ response: timepoints[1]! })).status).toBe(
      'met',
    );
    // (32³ + 20³) / (30³ + 20³) − 1 = 40768 / 35000 − 1 = +16.5 %.
    expect(volumetricProgressionRule.evaluate(context({ response: stable[1]! })).status).toBe(
      'not-met',
    );
  });
});
