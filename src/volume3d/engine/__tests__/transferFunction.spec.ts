import { describe, expect, it } from 'vitest';
import {
  CT_ABDOMEN_POINTS,
  buildTransferTable,
  defaultPresetFor,
  mipWindow,
  opacityForStep,
  sampleTransfer,
} from '../transferFunction.ts';

describe('sampleTransfer (CT abdomen)', () => {
  it('keeps air, lung and fat transparent', () => {
    for (const hu of [-2000, -1000, -850, -100]) {
      expect(sampleTransfer(CT_ABDOMEN_POINTS, hu).opacity).toBe(0);
    }
  });

  it('shows the enhancing liver (110 HU) more than muscle or a lesion (50 HU)', () => {
    expect(sampleTransfer(CT_ABDOMEN_POINTS, 110).opacity).toBe(0.16);
    // 50 HU lies 3/4 of the way from the 20 HU point (0.02) to the 60 HU point (0.05).
    expect(sampleTransfer(CT_ABDOMEN_POINTS, 50).opacity).toBeCloseTo(0.0425, 12);
  });

  it('interpolates linearly between points', () => {
    const mid = sampleTransfer(CT_ABDOMEN_POINTS, 85); // halfway from 60 to 110 HU
    expect(mid.opacity).toBeCloseTo((0.05 + 0.16) / 2, 12);
    expect(mid.color[0]).toBeCloseTo((0.8 + 0.86) / 2, 12);
  });

  it('makes cortical bone opaque white', () => {
    const bone = sampleTransfer(CT_ABDOMEN_POINTS, 1000);
    expect(bone.opacity).toBeCloseTo(0.9, 12);
    expect(Math.min(...bone.color)).toBeGreaterThan(0.95);
  });
});

describe('buildTransferTable', () => {
  it('samples lo … hi evenly into RGBA bytes', () => {
    const table = buildTransferTable(
      [
        { value: 0, color: [0, 0, 0], opacity: 0 },
        { value: 10, color: [1, 1, 1], opacity: 1 },
      ],
      { lo: 0, hi: 10 },
      3,
    );
    expect(Array.from(table)).toEqual([0, 0, 0, 0, 128, 128, 128, 128, 255, 255, 255, 255]);
  });
});

describe('opacityForStep', () => {
  it('compounds the opacity per unit distance over the step (Beer–Lambert)', () => {
    expect(opacityForStep(0.5, 5, 5)).toBeCloseTo(0.5, 12);
    expect(opacityForStep(0.5, 10, 5)).toBeCloseTo(0.75, 12);
    expect(opacityForStep(0.5, 2.5, 5)).toBeCloseTo(1 - Math.SQRT1_2, 12);
  });
});

describe('mipWindow', () => {
  it('runs from the 90th to the 99.9th percentile', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(mipWindow(values)).toEqual({ lo: 900, hi: 999 });
  });

  it('never returns an empty range', () => {
    expect(mipWindow(new Float32Array(50))).toEqual({ lo: 0, hi: 1 });
  });
});

describe('defaultPresetFor', () => {
  it('opens CT as CT abdomen and MR as a MIP', () => {
    expect(defaultPresetFor('CT')).toBe('ctAbdomen');
    expect(defaultPresetFor('MR')).toBe('mip');
  });
});
