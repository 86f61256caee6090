import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/__tests__/labFixtures';
import { hysLawRule } from '../hysLawRule';
import { DATE, context, interruption } from './ruleFixtures';

const labs = {
  ALT: lab('ALT', 120, 40, DATE),
  TBIL: lab('TBIL', 40, 20, DATE),
  ALP: lab('ALP', 200, 100, DATE),
};

describe('hysLawRule', () => {
  it('is met at ALT 3 ×, TBIL 2 ×, ALP 2 × ULN and traces each multiple with its date', () => {
    const outcome = hysLawRule.evaluate(context({ labs }));
    expect(outcome.status).toBe('met');
    expect(outcome.trace.map((t) => [t.label, t.value, t.status])).toEqual([
      ['ALT × ULN', 3, 'met'],
      ['AST × ULN', null, 'not-evaluable'],
      ['TBIL × ULN', 2, 'met'],
      ['ALP × ULN', 2, 'met'],
    ]);
    expect(outcome.trace[0]?.date).toBe(DATE);
    expect(outcome.caveats[0]).toContain('other causes');
  });

  it('names a recorded biliary obstruction as another cause', () => {
    const outcome = hysLawRule.evaluate(context({ labs, findings: [interruption(true)] }));
    expect(outcome.caveats.join(' ')).toContain('biliary interruption');
  });

  it('says which values are missing when not evaluable', () => {
    const outcome = hysLawRule.evaluate(context({ labs: { ALT: labs.ALT, TBIL: labs.TBIL } }));
    expect(outcome.status).toBe('not-evaluable');
    expect(outcome.summary).toContain('ALP');
  });
});
