import { describe, expect, it } from 'vitest';
import { biliaryObstructionRule } from '../biliaryObstructionRule';
import { context, interruption, mrcpDucts } from './ruleFixtures';

const evaluate = biliaryObstructionRule.evaluate;

describe('biliaryObstructionRule', () => {
  it('is met by an interruption with upstream dilatation, naming the level (seed 004 Fig. 3c)', () => {
    const outcome = evaluate(context({ findings: [interruption(true)], knownMalignancy: true }));
    expect(outcome.status).toBe('met');
    expect(outcome.summary).toContain(
      'Bismuth–Corlette I (common hepatic duct below the confluence)',
    );
    expect(outcome.trace[0]?.value).toContain('(10.0, 40.5, 120.3) mm');
    expect(outcome.caveats).toEqual([]);
  });

  it('is not met without dilatation and not evaluable when dilatation is not recorded', () => {
    expect(evaluate(context({ findings: [interruption(false)] })).status).toBe('not-met');
    expect(evaluate(context({ findings: [interruption(null)] })).status).toBe('not-evaluable');
  });

  it('is not met when the MRCP was read and no interruption marked, not evaluable without MRCP', () => {
    expect(evaluate(context({ findings: [mrcpDucts(false)] })).status).toBe('not-met');
    expect(evaluate(context()).status).toBe('not-evaluable');
  });

  it('asks to check the tumour cause when no malignancy is recorded', () => {
    expect(evaluate(context({ findings: [interruption(true)] })).caveats).toHaveLength(1);
  });
});
