import { describe, expect, it } from 'vitest';
import { edgeLabelsForCamera, orientationLabel } from '../orientationLabels';

describe('orientationLabel', () => {
  it('names the patient axes in LPS', () => {
    expect(orientationLabel([1, 0, 0])).toBe('L');
    expect(orientationLabel([-1, 0, 0])).toBe('R');
    expect(orientationLabel([0, 1, 0])).toBe('P');
    expect(orientationLabel([0, -1, 0])).toBe('A');
    expect(orientationLabel([0, 0, 1])).toBe('S');
    expect(orientationLabel([0, 0, -1])).toBe('I');
  });

  it('lists oblique components strongest first', () => {
    const s = Math.SQRT1_2;
    expect(orientationLabel([0.8, -0.6, 0])).toBe('LA');
    expect(orientationLabel([s * 0.1, 0, -1])).toBe('I');
  });
});

describe('edgeLabelsForCamera', () => {
  it('shows an axial image in radiological convention (patient left on screen right)', () => {
    // cornerstone axial camera: looking from the feet, anterior up.
    expect(edgeLabelsForCamera([0, -1, 0], [0, 0, -1])).toEqual({
      top: 'A',
      bottom: 'P',
      right: 'L',
      left: 'R',
    });
  });

  it('shows a coronal image with superior up and patient left on screen right', () => {
    expect(edgeLabelsForCamera([0, 0, 1], [0, -1, 0])).toEqual({
      top: 'S',
      bottom: 'I',
      right: 'L',
      left: 'R',
    });
  });
});
