import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/__tests__/labFixtures';
import { hepatocellularPatternRule } from '../hepatocellularPatternRule';
import { DATE, context, hepatomegaly, liverSpleen, presence } from './ruleFixtures';

// ALT ULN 40, ALP ULN 100: R = (ALT/40) / (ALP/100).
const labs = (alt: number, alp: number) => ({
  ALT: lab('ALT', alt, 40, DATE),
  ALP: lab('ALP', alp, 100, DATE),
});
const evaluate = hepatocellularPatternRule.evaluate;

describe('hepatocellularPatternRule', () => {
  it('is met with R = 5 and L/S 0.9 on unenhanced CT', () => {
    // ALT 400/40 = 10 ×, ALP 200/100 = 2 × → R = 5; liver 45 / spleen 50 HU = 0.9.
    const outcome = evaluate(context({ labs: labs(400, 200), findings: [liverSpleen(45, 50)] }));
    expect(outcome.status).toBe('met');
    expect(outcome.trace.find((t) => t.label.startsWith('R ratio'))).toMatchObject({
      value: 5,
      status: 'met',
    });
    expect(outcome.trace.find((t) => t.label.startsWith('ALT severity'))?.value).toBe(
      '10 × ULN: intermediate',
    );
  });

  it('is not met with R just below 5 whatever the imaging', () => {
    // ALT 399.6/40 = 9.99 × → R 4.995: mixed.
    const outcome = evaluate(context({ labs: labs(399.6, 200), findings: [liverSpleen(45, 50)] }));
    expect(outcome.status).toBe('not-met');
  });

  it('accepts any one imaging sign and is not met when every sign is recorded absent', () => {
    const hepatocellularLabs = labs(400, 100); // R = 10
    expect(
      evaluate(context({ labs: hepatocellularLabs, findings: [hepatomegaly(true, 210)] })).status,
    ).toBe('met');
    expect(
      evaluate(
        context({
          labs: hepatocellularLabs,
          findings: [
            liverSpleen(55, 50), // 1.1
            hepatomegaly(false),
            presence('homogeneous-density-decrease', false),
            presence('t2-parenchymal-oedema', false),
          ],
        }),
      ).status,
    ).toBe('not-met');
  });

  it('does not count L/S < 1 on contrast-enhanced CT', () => {
    const outcome = evaluate(
      context({ labs: labs(400, 100), findings: [liverSpleen(43, 50, true)] }),
    );
    expect(outcome.status).toBe('not-evaluable');
    expect(outcome.trace.find((t) => t.label.includes('contrast-enhanced'))?.status).toBe(
      'not-evaluable',
    );
  });

  it('is not evaluable without ALP (seed 004 Table 1), with the reason', () => {
    const outcome = evaluate(
      context({ labs: { ALT: lab('ALT', 110.6, 40, DATE) }, findings: [hepatomegaly(true)] }),
    );
    expect(outcome.status).toBe('not-evaluable');
    expect(outcome.summary).toContain('ALP');
  });
});
