import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingestFiles.ts';
import type { InputFile, Series, Vec3 } from '../types.ts';
import { makeSeries, shuffled } from './fixtures.ts';

// Geometry is computed inside ingestFiles; these cases check it through the public result.
function onlySeries(files: InputFile[]): { series: Series; warnings: string[] } {
  const result = ingestFiles(files);
  const series = result.patients[0]?.studies[0]?.series[0];
  if (!series) throw new Error('no series');
  return { series, warnings: result.warnings.map((w) => w.code) };
}

const zPositions = (...z: number[]): Vec3[] => z.map((value) => [0, 0, value]);

describe('computeVolumeGeometry', () => {
  it('gives non-square pixels as [column spacing, row spacing, slice spacing]', () => {
    const { series } = onlySeries(
      makeSeries(zPositions(0, 2, 4), { pixelSpacing: [0.5, 0.8], rows: 2, columns: 3 }),
    );
    // PixelSpacing is [row spacing 0.5, column spacing 0.8]: x steps along a row are 0.8 mm.
    expect(series.geometry?.spacing).toEqual([0.8, 0.5, 2]);
    expect(series.geometry?.dimensions).toEqual([3, 2, 3]);
    expect(series.geometry?.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('takes the slice spacing from positions when SliceThickness is missing', () => {
    const { series, warnings } = onlySeries(
      makeSeries(zPositions(0, 2.5, 5, 7.5), { sliceThickness: null }),
    );
    expect(series.geometry?.sliceSpacingMm).toBe(2.5);
    expect(series.geometry?.spacing[2]).toBe(2.5);
    expect(warnings).not.toContain('SLICE_THICKNESS_MISMATCH');
  });

  it('ignores a wrong SliceThickness and warns', () => {
    const { series, warnings } = onlySeries(
      makeSeries(zPositions(0, 2.5, 5, 7.5), { sliceThickness: 5 }),
    );
    expect(series.geometry?.sliceSpacingMm).toBe(2.5);
    expect(warnings).toContain('SLICE_THICKNESS_MISMATCH');
  });

  it('reports a missing slice as irregular spacing with its deviation', () => {
    const { series, warnings } = onlySeries(makeSeries(zPositions(0, 2, 4, 8, 10)));
    // Gaps 2, 2, 4, 2: median 2, the 4 mm gap deviates by 2 mm.
    expect(series.geometry?.sliceSpacingMm).toBe(2);
    expect(series.geometry?.spacingIrregular).toBe(true);
    expect(series.geometry?.maxSpacingDeviationMm).toBe(2);
    expect(series.warnings.join(' ')).toContain('about 1 slice(s) appear to be missing');
    expect(warnings).toContain('IRREGULAR_SPACING');
  });

  it('tolerates gaps that vary by less than 1 %', () => {
    const { series } = onlySeries(makeSeries(zPositions(0, 2, 4.01, 6.01)));
    expect(series.geometry?.spacingIrregular).toBe(false);
    expect(series.geometry?.maxSpacingDeviationMm).toBeCloseTo(0.01, 9);
  });

  it('sorts an oblique series along its own normal', () => {
    // Row [1,0,0], column [0,0.8,0.6] (a 3-4-5 tilt): normal = row × column = [0,-0.6,0.8].
    // Slice k sits at [10, 20 - 1.5k, 30 + 2k] = base + 2.5k · normal, base · normal = 12.
    const positions: Vec3[] = [0, 1, 2, 3].map((k) => [10, 20 - 1.5 * k, 30 + 2 * k]);
    const files = shuffled(makeSeries(positions, { orientation: [1, 0, 0, 0, 0.8, 0.6] }));
    const { series, warnings } = onlySeries(files);
    const geometry = series.geometry;
    if (!geometry) throw new Error('no geometry');
    expect(geometry.direction.slice(6)).toEqual([0, -0.6, 0.8].map((v) => expect.closeTo(v, 12)));
    geometry.slicePositionsMm.forEach((p, k) => expect(p).toBeCloseTo(12 + 2.5 * k, 9));
    expect(geometry.sliceSpacingMm).toBeCloseTo(2.5, 9);
    expect(geometry.origin).toEqual([10, 20, 30]);
    expect(series.frames.map((f) => f.instance.instanceNumber)).toEqual([1, 2, 3, 4]);
    expect(warnings).not.toContain('SHEARED_GEOMETRY');
  });

  it('warns when positions drift off the normal (gantry tilt)', () => {
    const positions: Vec3[] = [0, 1, 2, 3].map((k) => [0, 1.5 * k, 3 * k]);
    const { warnings } = onlySeries(makeSeries(positions));
    expect(warnings).toContain('SHEARED_GEOMETRY');
  });

  it('treats positions decreasing with InstanceNumber like any other order', () => {
    const { series } = onlySeries(makeSeries(zPositions(-100, -101.25, -102.5)));
    expect(series.geometry?.slicePositionsMm).toEqual([-102.5, -101.25, -100]);
    expect(series.geometry?.sliceSpacingMm).toBe(1.25);
    expect(series.geometry?.origin).toEqual([0, 0, -102.5]);
  });
});
