import { brushRegion } from '../brushRegion.ts';
import { createLabelmap } from '../createLabelmap.ts';
import { createStroke } from '../createStroke.ts';
import { strokeRegion } from '../strokeRegion.ts';
import type { EditOptions, EditRecord, Ijk, Labelmap, Region } from '../types.ts';

/**
 * The one fixture factory of the engine tests: small labelmaps, a seeded PRNG (never
 * Math.random, so failures replay) and plain-loop helpers that do not share engine code.
 */

/** mulberry32: a tiny, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function labelmapOf(
  dimensions: [number, number, number],
  spacingMm: [number, number, number] = [1, 1, 1],
): Labelmap {
  return createLabelmap({ dimensions, spacingMm });
}

export function at(labelmap: Labelmap, i: number, j: number, k: number): number {
  const [nx, ny] = labelmap.geometry.dimensions;
  return labelmap.data[i + nx * (j + ny * k)] ?? -1;
}

export function set(labelmap: Labelmap, i: number, j: number, k: number, value: number): void {
  const [nx, ny] = labelmap.geometry.dimensions;
  labelmap.data[i + nx * (j + ny * k)] = value;
}

/** Fills an inclusive index box with `value`. */
export function fillBlock(
  labelmap: Labelmap,
  min: [number, number, number],
  max: [number, number, number],
  value: number,
): void {
  for (let k = min[2]; k <= max[2]; k++)
    for (let j = min[1]; j <= max[1]; j++)
      for (let i = min[0]; i <= max[0]; i++) set(labelmap, i, j, k, value);
}

/** Volume-index keys ("i,j,k") of a region's set voxels, decoded with plain loops. */
export function regionVoxels(region: Region): Set<string> {
  const out = new Set<string>();
  const { min, max } = region.box;
  let m = 0;
  for (let k = min[2]; k <= max[2]; k++)
    for (let j = min[1]; j <= max[1]; j++)
      for (let i = min[0]; i <= max[0]; i++, m++)
        if (region.mask[m] === 1) out.add(`${i},${j},${k}`);
  return out;
}

export function countValue(data: Uint8Array, value: number): number {
  let n = 0;
  for (const v of data) if (v === value) n++;
  return n;
}

/** One random stroke (1–4 brush samples with random options), as a user might draw. */
export function randomStroke(
  labelmap: Labelmap,
  random: () => number,
  n: number,
): EditRecord | null {
  const [nx, ny, nz] = labelmap.geometry.dimensions;
  const options: EditOptions = {
    segment: 1 + Math.floor(random() * 4),
    mode: random() < 0.7 ? 'paint' : 'erase',
    overwrite: random() < 0.5 ? 'all' : 'none',
    eraseScope: random() < 0.5 ? 'active' : 'all',
    ...(random() < 0.2 ? { lockedSegments: new Set([1 + Math.floor(random() * 4)]) } : {}),
  };
  const stroke = createStroke(labelmap, options, `stroke ${n}`);
  const shape = random() < 0.5 ? 'circle' : 'sphere';
  const plane = (['i', 'j', 'k'] as const)[Math.floor(random() * 3)] ?? 'k';
  const radiusMm = 0.3 + random() * 4;
  let last: Ijk = [random() * nx, random() * ny, random() * nz];
  stroke.add(brushRegion({ center: last, radiusMm, shape, plane, geometry: labelmap.geometry }));
  const samples = Math.floor(random() * 4);
  for (let s = 0; s < samples; s++) {
    const next: Ijk = [
      last[0] + random() * 6 - 3,
      last[1] + random() * 6 - 3,
      last[2] + random() * 2 - 1,
    ];
    stroke.add(
      strokeRegion({ from: last, to: next, radiusMm, shape, plane, geometry: labelmap.geometry }),
    );
    last = next;
  }
  return stroke.end();
}
