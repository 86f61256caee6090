/**
 * What the statistics bench times, shared by Node (bench/stats.bench.ts) and the peer page
 * (bench/stats/peer/main.ts) so that both run the very same code on the very same data.
 */
import { computeAllLesionStatistics } from '../../plugins/liver-lesion-review/domain/quantify/computeAllLesionStatistics.ts';
import { createLesionStatisticsTracker } from '../../plugins/liver-lesion-review/domain/quantify/createLesionStatisticsTracker.ts';
import {
  brushRegion,
  createStroke,
  writeBox,
  type EditRecord,
  type Ijk,
  type Labelmap,
} from '../../src/segmentation/engine/index.ts';
import type { Phantom } from './phantom.ts';

/** The paint stroke of the update rows: one click of a sphere brush, radius 10 mm. */
export const STROKE_RADIUS_MM = 10;

export interface IncrementalSamples {
  readonly segment: number;
  /** applyEdit + get(segment): the stroked lesion's whole statistics up to date. */
  readonly updateMs: number[];
  readonly applyEditMs: number[];
  readonly getMs: number[];
  /** CPU time of applyEdit + get, where the host can tell (Node: process.cpuUsage). */
  readonly updateCpuMs: number[];
  /** Mean voxels of the stroke's box (its before/after arrays) and of voxels it changed. */
  readonly meanBoxVoxels: number;
  readonly meanChangedVoxels: number;
  /** After the last stroke: tracker.get(segment) deep-equals a fresh full computation. */
  readonly equalsFresh: boolean;
}

function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stroke centres on the lesion's surface (a random point of its ellipsoid), in voxel indices. */
function strokeCentres(phantom: Phantom, segment: number, count: number, seed: number): Ijk[] {
  const lesion = phantom.lesions.find((l) => l.segment === segment);
  if (!lesion) throw new Error(`stats bench: no lesion ${segment}`);
  const random = createPrng(seed);
  const spacing = phantom.grid.spacingMm;
  return Array.from({ length: count }, () => {
    const z = 2 * random() - 1;
    const phi = 2 * Math.PI * random();
    const r = Math.sqrt(1 - z * z);
    const unit = [r * Math.cos(phi), r * Math.sin(phi), z];
    return [0, 1, 2].map(
      (a) => (lesion.centreMm[a]! + unit[a]! * lesion.radiiMm[a]!) / spacing[a]!,
    ) as unknown as Ijk;
  });
}

function paint(labelmap: Labelmap, centre: Ijk, segment: number): EditRecord {
  const stroke = createStroke(labelmap, { segment, mode: 'paint', overwrite: 'all' }, 'bench');
  stroke.add(
    brushRegion({
      center: centre,
      radiusMm: STROKE_RADIUS_MM,
      shape: 'sphere',
      plane: 'k',
      geometry: labelmap.geometry,
    }),
  );
  const record = stroke.end();
  if (!record) throw new Error('stats bench: the stroke changed nothing');
  return record;
}

/**
 * Paints `samples` strokes of the lesion's own segment across its surface; each is reported to a
 * tracker (timed) and then undone (untimed, and the tracker brought up to date again), so every
 * sample starts from the phantom. `between(n)` runs before sample n (e.g. a GC every 50).
 */
export function sampleIncrementalUpdates(options: {
  phantom: Phantom;
  segment: number;
  samples: number;
  warmup: number;
  seed: number;
  between?: (n: number) => void;
  /** CPU time of this process, ms (Node); absent in a page. */
  cpuNow?: () => number;
}): IncrementalSamples {
  const { phantom, segment, samples, warmup } = options;
  const labelmap: Labelmap = {
    geometry: { dimensions: phantom.grid.dimensions, spacingMm: phantom.grid.spacingMm },
    data: phantom.labels,
  };
  const tracker = createLesionStatisticsTracker(phantom);
  tracker.getAll();
  const centres = strokeCentres(phantom, segment, warmup + samples, options.seed);
  const updateMs: number[] = [];
  const applyEditMs: number[] = [];
  const getMs: number[] = [];
  const updateCpuMs: number[] = [];
  const cpuNow = options.cpuNow ?? (() => NaN);
  let boxVoxels = 0;
  let changedVoxels = 0;
  let equalsFresh = false;
  centres.forEach((centre, n) => {
    options.between?.(n);
    const record = paint(labelmap, centre, segment);
    const c0 = cpuNow();
    const t0 = performance.now();
    tracker.applyEdit(record.box, record.before, record.after);
    const t1 = performance.now();
    const stats = tracker.get(segment);
    const t2 = performance.now();
    const c2 = cpuNow();
    if (n === centres.length - 1) {
      const fresh = computeAllLesionStatistics({ ...phantom, segments: [segment] }).get(segment);
      equalsFresh = JSON.stringify(fresh) === JSON.stringify(stats);
    }
    writeBox(labelmap.data, labelmap.geometry, record.box, record.before);
    tracker.applyEdit(record.box, record.after, record.before);
    tracker.get(segment);
    if (n < warmup) return;
    applyEditMs.push(t1 - t0);
    getMs.push(t2 - t1);
    updateMs.push(t2 - t0);
    updateCpuMs.push(c2 - c0);
    boxVoxels += record.before.length;
    changedVoxels += record.changedVoxels;
  });
  return {
    segment,
    updateMs,
    applyEditMs,
    getMs,
    updateCpuMs,
    meanBoxVoxels: Math.round(boxVoxels / samples),
    meanChangedVoxels: Math.round(changedVoxels / samples),
    equalsFresh,
  };
}
