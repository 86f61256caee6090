import { describe, expect, it } from 'vitest';
import { selectFindingsAsOf } from '../selectFindingsAsOf';
import type { Finding } from '../types';

const presence = (id: string, date: string, present: boolean): Finding => ({
  id,
  kind: 'ascites',
  date,
  imageReferences: [],
  present,
});

describe('selectFindingsAsOf', () => {
  it('keeps the latest reading of each kind within the lookback and never a later one', () => {
    const findings = [
      presence('a', '2024-07-25', true),
      presence('b', '2024-07-28', false),
      presence('c', '2024-08-12', true),
    ];
    expect(selectFindingsAsOf(findings, '2024-07-30', 7).map((f) => f.id)).toEqual(['b']);
    expect(selectFindingsAsOf(findings, '2024-07-26', 7).map((f) => f.id)).toEqual(['a']);
    expect(selectFindingsAsOf(findings, '2024-08-10', 7)).toEqual([]);
  });

  it('keeps every finding of a kind on that latest date', () => {
    const findings = [presence('a', '2024-07-25', true), presence('b', '2024-07-25', true)];
    expect(selectFindingsAsOf(findings, '2024-07-25', 0)).toHaveLength(2);
  });
});
