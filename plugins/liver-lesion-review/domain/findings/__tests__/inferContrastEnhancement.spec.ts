import { describe, expect, it } from 'vitest';
import { inferContrastEnhancement } from '../inferContrastEnhancement';

const enhanced = (seriesDescription: string, contrastBolusAgent: string | null = null) =>
  inferContrastEnhancement({ seriesDescription, contrastBolusAgent }).enhanced;

describe('inferContrastEnhancement', () => {
  it('reads the sample CTs ("Abdomen PV 1.25mm") as enhanced', () => {
    expect(enhanced('Abdomen PV 1.25mm')).toBe(true);
    expect(enhanced('Abdomen PV 5mm')).toBe(true);
  });

  it('trusts a ContrastBolusAgent value over the description', () => {
    expect(enhanced('Abdomen', 'Iohexol 350')).toBe(true);
    expect(enhanced('Abdomen', 'NONE')).toBeNull();
  });

  it('reads phase words both ways and leaves the rest unknown', () => {
    expect(enhanced('Arterial phase')).toBe(true);
    expect(enhanced('CT ABD C+')).toBe(true);
    expect(enhanced('Abdomen non-contrast')).toBe(false);
    expect(enhanced('Unenhanced liver')).toBe(false);
    expect(enhanced('Abdomen 5mm')).toBeNull();
    expect(enhanced('Plain and portal venous')).toBeNull();
  });
});
