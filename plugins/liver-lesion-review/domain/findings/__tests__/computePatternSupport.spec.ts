import { describe, expect, it } from 'vitest';
import { computePatternSupport } from '../computePatternSupport';

describe('computePatternSupport', () => {
  const lesions = [
    { volumeMl: 10, segment: 'VIII' as const },
    { volumeMl: 5, segment: 'VII' as const },
    { volumeMl: 3, segment: 'VII' as const },
    { volumeMl: 2, segment: null },
    { volumeMl: 0, segment: 'II' as const }, // an empty segment is no lesion
  ];

  it('adds lesion volume to a Liver segment that excludes the lesions', () => {
    // Whole liver 980 + 20 = 1000 mL; 20 / 1000 = 2 %.
    const support = computePatternSupport({
      lesions,
      liverVolumeMl: 980,
      liverVolumeIncludesLesions: false,
    });
    expect(support.lesionCount).toBe(4);
    expect(support.totalLesionVolumeMl).toBe(20);
    expect(support.liverVolumeMl).toBe(1000);
    expect(support.fractionOfLiverInvolved).toBeCloseTo(0.02, 12);
  });

  it('uses a Liver segment that includes the lesions as it is', () => {
    const support = computePatternSupport({
      lesions,
      liverVolumeMl: 1000,
      liverVolumeIncludesLesions: true,
    });
    expect(support.fractionOfLiverInvolved).toBeCloseTo(0.02, 12);
  });

  it('lists the segments involved once each, in Couinaud order, and counts lesions without one', () => {
    const support = computePatternSupport({
      lesions,
      liverVolumeMl: null,
      liverVolumeIncludesLesions: false,
    });
    expect(support.segmentsInvolved).toEqual(['VII', 'VIII']);
    expect(support.lesionsWithoutSegment).toBe(1);
    expect(support.fractionOfLiverInvolved).toBeNull();
  });

  it('refuses a fraction above 1 with a warning', () => {
    const support = computePatternSupport({
      lesions,
      liverVolumeMl: 15,
      liverVolumeIncludesLesions: true,
    });
    expect(support.fractionOfLiverInvolved).toBeNull();
    expect(support.warnings.join(' ')).toContain('exceeds the liver volume');
  });
});
