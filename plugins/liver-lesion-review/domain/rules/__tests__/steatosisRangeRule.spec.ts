import { describe, expect, it } from 'vitest';
import { steatosisRangeRule } from '../steatosisRangeRule';
import { context, liverSpleen } from './ruleFixtures';

const evaluate = (liver: number, spleen: number, enhanced: boolean | null = false) =>
  steatosisRangeRule.evaluate(context({ findings: [liverSpleen(liver, spleen, enhanced)] }));

describe('steatosisRangeRule', () => {
  it('is met below L − S −10 HU or liver 40 HU, and not at the thresholds', () => {
    expect(evaluate(45, 55.1).status).toBe('met'); // L − S −10.1
    expect(evaluate(39.9, 45).status).toBe('met'); // liver 39.9 HU
    expect(evaluate(45, 55).status).toBe('not-met'); // −10 HU, 45 HU
    expect(evaluate(40, 45).status).toBe('not-met');
  });

  it('is not evaluable on contrast-enhanced CT or without a measurement', () => {
    expect(evaluate(30, 60, true).status).toBe('not-evaluable');
    expect(steatosisRangeRule.evaluate(context()).status).toBe('not-evaluable');
  });
});
