import { describe, expect, it } from 'vitest';
import { buildTimepoints, type StudyRecord } from '../buildTimepoints';

const study = (
  uid: string,
  date: string | null,
  modalities: string[],
  series: string[] = [],
): StudyRecord => ({
  studyInstanceUid: uid,
  date,
  modalities,
  seriesDescriptions: series,
});

describe('buildTimepoints', () => {
  it('orders the seed dates and counts days from the July baseline', () => {
    const { timepoints } = buildTimepoints([
      study('oct', '2024-10-07', ['CT']),
      study('jul', '2024-07-25', ['CT']),
      study('aug', '2024-08-12', ['CT']),
    ]);
    expect(timepoints.map((t) => t.date)).toEqual(['2024-07-25', '2024-08-12', '2024-10-07']);
    // 25 Jul → 12 Aug = 6 + 12 = 18 days; → 7 Oct = 6 + 31 + 30 + 7 = 74 days.
    expect(timepoints.map((t) => t.dayOffset)).toEqual([0, 18, 74]);
  });

  it('merges studies of the same date and notes an MRCP series', () => {
    const { timepoints } = buildTimepoints([
      study('ct', '2024-07-25', ['CT']),
      study('mr', '2024-07-25', ['MR'], ['T1 axial', 'MRCP 3D coronal']),
    ]);
    expect(timepoints).toHaveLength(1);
    expect(timepoints[0]?.modalities).toEqual(['CT', 'MR']);
    expect(timepoints[0]?.studyInstanceUids).toEqual(['ct', 'mr']);
    expect(timepoints[0]?.hasMrcp).toBe(true);
  });

  it('keeps undated and invalid-date studies off the timeline', () => {
    const result = buildTimepoints([study('a', null, ['CT']), study('b', '2024-13-45', ['CT'])]);
    expect(result.timepoints).toEqual([]);
    expect(result.undated).toEqual(['a', 'b']);
  });

  it('returns nothing for no studies', () => {
    expect(buildTimepoints([])).toEqual({ timepoints: [], undated: [] });
  });
});
