import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/__tests__/labFixtures';
import { cholestaticPatternRule } from '../cholestaticPatternRule';
import { DATE, context, interruption, mrcpDucts } from './ruleFixtures';

const evaluate = cholestaticPatternRule.evaluate;
const alp = (value: number) => ({ ALP: lab('ALP', value, 100, DATE) });
const ggt = (value: number) => ({ GGT: lab('GGT', value, 50, DATE) });

describe('cholestaticPatternRule', () => {
  it('needs ALP above 2 × ULN: 2.01 × is met, 2.00 × is not', () => {
    const findings = [mrcpDucts(true)];
    expect(evaluate(context({ labs: { ...alp(201), ...ggt(100) }, findings })).status).toBe('met');
    expect(evaluate(context({ labs: { ...alp(200), ...ggt(100) }, findings })).status).toBe(
      'not-met',
    );
  });

  it('accepts GGT at 5 × ULN instead, not at 4.99 ×', () => {
    const findings = [mrcpDucts(true)];
    expect(evaluate(context({ labs: { ...alp(150), ...ggt(250) }, findings })).status).toBe('met');
    expect(evaluate(context({ labs: { ...alp(150), ...ggt(249.5) }, findings })).status).toBe(
      'not-met',
    );
  });

  it('is not evaluable when ALP is normal but GGT unknown', () => {
    expect(evaluate(context({ labs: alp(150), findings: [mrcpDucts(true)] })).status).toBe(
      'not-evaluable',
    );
  });

  it('takes duct rigidity from an interruption marker or segmental dilatation from the duct reading', () => {
    expect(evaluate(context({ labs: alp(300), findings: [interruption(true, true)] })).status).toBe(
      'met',
    );
    expect(evaluate(context({ labs: alp(300), findings: [mrcpDucts(false, true)] })).status).toBe(
      'met',
    );
  });

  it('is not met when the MRCP shows neither sign', () => {
    const outcome = evaluate(context({ labs: alp(300), findings: [mrcpDucts(false, false)] }));
    expect(outcome.status).toBe('not-met');
    expect(outcome.summary).toContain('MRCP signs not met');
  });
});
