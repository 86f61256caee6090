import type { Vec3 } from './types';

/** One control point of a transfer function: colour 0–1 and opacity per `OPACITY_UNIT_MM`. */
export interface TransferPoint {
  readonly value: number;
  readonly color: Vec3;
  readonly opacity: number;
}

/**
 * Opacities are given per this path length (vtk's "scalar opacity unit distance"), so a
 * preset looks the same whatever the ray step or the volume's resolution.
 */
export const OPACITY_UNIT_MM = 5;

/**
 * CT abdomen (portal venous phase), HU: air, lung and fat transparent; muscle and
 * unenhanced lesions faint; enhancing liver and spleen translucent red-brown; contrast
 * vessels brighter; bone opaque white.
 */
export const CT_ABDOMEN_POINTS: readonly TransferPoint[] = [
  { value: -1024, color: [0, 0, 0], opacity: 0 },
  { value: -60, color: [0.85, 0.65, 0.45], opacity: 0 },
  { value: 20, color: [0.75, 0.45, 0.35], opacity: 0.02 },
  { value: 60, color: [0.8, 0.42, 0.34], opacity: 0.05 },
  { value: 110, color: [0.86, 0.48, 0.36], opacity: 0.16 },
  { value: 170, color: [0.92, 0.28, 0.22], opacity: 0.45 },
  { value: 250, color: [0.95, 0.85, 0.7], opacity: 0.6 },
  { value: 650, color: [1, 1, 0.95], opacity: 0.9 },
  { value: 3071, color: [1, 1, 1], opacity: 0.9 },
];

/** The value range the CT abdomen table covers (HU); values outside take the end colours. */
export const CT_ABDOMEN_RANGE = { lo: -1024, hi: 1500 } as const;

export type RenderPresetId = 'ctAbdomen' | 'mip';

export interface RenderPreset {
  readonly id: RenderPresetId;
  readonly label: string;
  readonly mode: 'composite' | 'mip';
}

export const RENDER_PRESETS: readonly RenderPreset[] = [
  { id: 'ctAbdomen', label: 'CT abdomen', mode: 'composite' },
  { id: 'mip', label: 'MIP (MRCP)', mode: 'mip' },
];

/** CT opens as CT abdomen; MR (an MRCP above all: bright fluid on dark) as a MIP. */
export function defaultPresetFor(modality: string): RenderPresetId {
  return modality === 'CT' ? 'ctAbdomen' : 'mip';
}

/** Piecewise-linear colour and opacity at `value`, clamped to the first and last points. */
export function sampleTransfer(
  points: readonly TransferPoint[],
  value: number,
): { color: Vec3; opacity: number } {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return { color: [0, 0, 0], opacity: 0 };
  if (value <= first.value) return { color: first.color, opacity: first.opacity };
  if (value >= last.value) return { color: last.color, opacity: last.opacity };
  let i = 1;
  while (i < points.length - 1 && points[i]!.value < value) i++;
  const a = points[i - 1]!;
  const b = points[i]!;
  const t = (value - a.value) / (b.value - a.value);
  const mix = (x: number, y: number): number => x + (y - x) * t;
  return {
    color: [mix(a.color[0], b.color[0]), mix(a.color[1], b.color[1]), mix(a.color[2], b.color[2])],
    opacity: mix(a.opacity, b.opacity),
  };
}

/**
 * RGBA8 lookup table of `size` entries: entry i holds the transfer function at
 * lo + (hi − lo)·i/(size − 1).
 */
export function buildTransferTable(
  points: readonly TransferPoint[],
  range: { readonly lo: number; readonly hi: number },
  size: number,
): Uint8Array {
  const table = new Uint8Array(size * 4);
  for (let i = 0; i < size; i++) {
    const value = range.lo + ((range.hi - range.lo) * i) / Math.max(1, size - 1);
    const { color, opacity } = sampleTransfer(points, value);
    table[i * 4] = Math.round(color[0] * 255);
    table[i * 4 + 1] = Math.round(color[1] * 255);
    table[i * 4 + 2] = Math.round(color[2] * 255);
    table[i * 4 + 3] = Math.round(opacity * 255);
  }
  return table;
}

/** Opacity of one ray step of `stepMm` for an opacity given per `unitMm` (Beer–Lambert). */
export function opacityForStep(opacityPerUnit: number, stepMm: number, unitMm: number): number {
  return 1 - Math.pow(1 - opacityPerUnit, stepMm / unitMm);
}

/**
 * Grey range of a MIP: black at the 90th percentile (most of any ray's maximum is tissue
 * that would otherwise wash the image grey), white at the 99.9th (a few very bright
 * voxels do not flatten the bright structures). Samples need not be sorted.
 */
export function mipWindow(
  samples: ArrayLike<number>,
  maxSamples = 200_000,
): {
  lo: number;
  hi: number;
} {
  const step = Math.max(1, Math.floor(samples.length / maxSamples));
  const sample: number[] = [];
  for (let i = 0; i < samples.length; i += step) sample.push(samples[i] ?? 0);
  if (sample.length === 0) return { lo: 0, hi: 1 };
  sample.sort((a, b) => a - b);
  const at = (q: number): number =>
    sample[Math.min(sample.length - 1, Math.floor(sample.length * q))] ?? 0;
  const lo = at(0.9);
  return { lo, hi: Math.max(lo + 1, at(0.999)) };
}
