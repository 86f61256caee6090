import { describe, expect, it } from 'vitest';
import { selectLabPanel } from '../selectLabPanel';
import { lab } from './labFixtures';

describe('selectLabPanel', () => {
  const values = [
    lab('ALT', 50, 40, '2024-03-01'),
    lab('ALT', 60, 40, '2024-03-05'),
    lab('TBIL', 30, 20, '2024-02-20'),
    lab('AST', 90, 35, '2024-03-09'),
  ];

  it('takes the latest value of each analyte within the lookback, never a later one', () => {
    const panel = selectLabPanel(values, '2024-03-08', 7);
    expect(panel.ALT?.value).toBe(60);
    expect(panel.AST).toBeUndefined(); // taken the day after
    expect(panel.TBIL).toBeUndefined(); // 17 days before
  });

  it('with no lookback takes only the same day', () => {
    expect(Object.keys(selectLabPanel(values, '2024-03-05', 0))).toEqual(['ALT']);
  });
});
