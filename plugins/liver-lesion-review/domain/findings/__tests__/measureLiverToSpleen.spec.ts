import { describe, expect, it } from 'vitest';
import { measureLiverToSpleen } from '../measureLiverToSpleen';
import type { RoiStatistics } from '../roiTypes';

const roi = (voxelCount: number, mean: number, sd = 10): RoiStatistics => ({
  voxelCount,
  mean,
  sd,
  min: null,
  max: null,
  areaMm2: voxelCount * 0.61,
});

const measure = (liver: number, spleen: number, contrastEnhanced: boolean | null = false) =>
  measureLiverToSpleen({
    liverRois: [roi(500, liver)],
    spleenRois: [roi(400, spleen)],
    contrastEnhanced,
  });
const flag = (m: ReturnType<typeof measure>, id: string) => m.flags.find((f) => f.id === id)!;

describe('measureLiverToSpleen', () => {
  it('pools two liver ROIs by voxel count before dividing (hand-computed L/S 1.05, L − S +2.5 HU)', () => {
    // Liver (100·60 + 300·50) / 400 = 52.5 HU; spleen 50 HU → 1.05 and +2.5 HU.
    const m = measureLiverToSpleen({
      liverRois: [roi(100, 60), roi(300, 50)],
      spleenRois: [roi(200, 50)],
      contrastEnhanced: false,
    });
    expect(m.liver.mean).toBeCloseTo(52.5, 12);
    expect(m.ratio).toBeCloseTo(1.05, 12);
    expect(m.differenceHu).toBeCloseTo(2.5, 12);
    expect(flag(m, 'ls-ratio').status).toBe('not-flagged');
    expect(m.warnings).toEqual([]);
  });

  it('flags L/S below 1.0, not at 1.0 (indeterminate) or above', () => {
    expect(flag(measure(49.5, 50), 'ls-ratio').status).toBe('flagged'); // 0.99
    expect(flag(measure(50, 50), 'ls-ratio').status).toBe('indeterminate'); // 1.00
    expect(flag(measure(50.5, 50), 'ls-ratio').status).toBe('not-flagged'); // 1.01
  });

  it('flags L − S below −10 HU, not at −10 HU', () => {
    expect(flag(measure(40, 50), 'l-minus-s').status).toBe('not-flagged'); // −10
    expect(flag(measure(39.9, 50), 'l-minus-s').status).toBe('flagged'); // −10.1
  });

  it('flags liver attenuation below 40 HU, not at 40 HU', () => {
    expect(flag(measure(40, 45), 'liver-attenuation').status).toBe('not-flagged');
    expect(flag(measure(39.9, 45), 'liver-attenuation').status).toBe('flagged');
  });

  it('on contrast-enhanced CT keeps the values and the comparison but marks thresholds not applicable', () => {
    // The sample's August portal-venous CT: L/S 0.86.
    const m = measure(86, 100, true);
    expect(m.ratio).toBeCloseTo(0.86, 12);
    expect(m.thresholdsApplicable).toBe(false);
    expect(m.flags.map((f) => f.status)).toEqual([
      'not-applicable',
      'not-applicable',
      'not-applicable',
    ]);
    expect(flag(m, 'ls-ratio').beyondThreshold).toBe(true);
    expect(m.warnings.join(' ')).toContain('unenhanced CT only');
  });

  it('warns when the contrast phase is unknown but still applies the thresholds', () => {
    const m = measure(45, 50, null);
    expect(flag(m, 'ls-ratio').status).toBe('flagged');
    expect(m.warnings.join(' ')).toContain('Contrast phase unknown');
  });

  it('is not evaluable without a spleen ROI', () => {
    const m = measureLiverToSpleen({
      liverRois: [roi(10, 50)],
      spleenRois: [],
      contrastEnhanced: false,
    });
    expect(m.ratio).toBeNull();
    expect(flag(m, 'ls-ratio').status).toBe('not-evaluable');
    expect(flag(m, 'liver-attenuation').status).toBe('not-flagged');
  });
});
