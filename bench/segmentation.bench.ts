/**
 * Segment Editor engine benchmark on a 512×512×300 labelmap at 0.78×0.78×1.25 mm: the brush
 * hot path (one 10 mm sphere add; goal ≤ 2 ms), a 40-sample drag of a 5 mm circle and its undo,
 * live counts (full scan vs record delta), islands, fill between slices and RLE autosave, beside
 * a plain copy of the labelmap (`Uint8Array.set`) as the floor of any whole-volume pass.
 */
import {
  applyCountDelta,
  brushRegion,
  countVoxelsBySegment,
  createEditHistory,
  createLabelmap,
  createStroke,
  decodeLabelmapRle,
  encodeLabelmapRle,
  fillBetweenSlices,
  findIslands,
  segmentBoundingBox,
  strokeRegion,
  type EditOptions,
  type EditRecord,
  type Ijk,
  type Labelmap,
  writeBox,
} from '../src/segmentation/engine/index.ts';
import { collectGarbage, formatTable, machineInfo, measure, type Timing } from './measure.ts';

export const name = 'segmentation';

const DIMENSIONS = [512, 512, 300] as const;
const SPACING_MM = [0.78, 0.78, 1.25] as const;
const REPS = Number(process.env['BENCH_REPS'] ?? 9);
const BRUSH_REPS = Number(process.env['BENCH_BRUSH_REPS'] ?? 400);

const PAINT: EditOptions = { segment: 1, mode: 'paint', overwrite: 'all' };

interface Sampled {
  label: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** Share of samples above the brush budget of 2 ms. */
  over2Ms: number;
}

/** Deterministic PRNG (mulberry32) so every run paints the same places. */
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

function summarise(label: string, samplesMs: number[]): Sampled {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1] ?? NaN;
  return {
    label,
    runs: sorted.length,
    medianMs: rank(0.5),
    p95Ms: rank(0.95),
    minMs: sorted[0] ?? NaN,
    maxMs: sorted.at(-1) ?? NaN,
    over2Ms: sorted.filter((ms) => ms > 2).length / Math.max(1, sorted.length),
  };
}

/**
 * Many short samples without a forced GC before each (that would dwarf a 0.1 ms operation);
 * garbage is collected every 50 samples so it lands between timings when it can.
 */
function sampleMicro(
  label: string,
  runs: number,
  once: (timed: (work: () => void) => void) => void,
): Sampled {
  const samples: number[] = [];
  const timed = (work: () => void): void => {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  };
  for (let warm = 0; warm < 20; warm++) once((work) => work());
  for (let r = 0; r < runs; r++) {
    if (r % 50 === 0) collectGarbage();
    once(timed);
  }
  return summarise(label, samples);
}

function fromTiming(t: Timing): Sampled {
  return summarise(t.label, t.samplesMs);
}

/** A point in the liver-ish middle of the volume. */
const randomCenter = (random: () => number): Ijk => [
  140 + random() * 230,
  140 + random() * 230,
  40 + random() * 220,
];

function brushBenches(labelmap: Labelmap): Sampled[] {
  const geometry = labelmap.geometry;
  const random = createPrng(1);
  const sphere = (center: Ijk) =>
    brushRegion({ center, radiusMm: 10, shape: 'sphere', plane: 'k', geometry });
  const out: Sampled[] = [];
  out.push(
    sampleMicro('brushRegion: 10 mm sphere', BRUSH_REPS, (timed) => {
      const center = randomCenter(random);
      timed(() => void sphere(center));
    }),
  );
  // Fresh stroke each time at a fresh place: the add pays its first-touch snapshots.
  out.push(
    sampleMicro('stroke.add: 10 mm sphere (first touch)', BRUSH_REPS, (timed) => {
      const stroke = createStroke(labelmap, PAINT, 'bench');
      const region = sphere(randomCenter(random));
      timed(() => void stroke.add(region));
      stroke.cancel();
    }),
  );
  // The whole click as the glue does it: region, stroke, add, end, history push.
  const click = (timed: (work: () => void) => void): void => {
    const center = randomCenter(random);
    const history = createEditHistory({ maxBytes: 256 * 2 ** 20 });
    timed(() => {
      const stroke = createStroke(labelmap, PAINT, 'bench');
      stroke.add(sphere(center));
      const record = stroke.end();
      if (record) history.push(record);
    });
    history.undo(labelmap);
  };
  out.push(sampleMicro('brushRegion + add + end + push: 10 mm sphere', BRUSH_REPS, click));
  out.push(
    sampleMicro('stroke.add: 5 mm circle (first touch)', BRUSH_REPS, (timed) => {
      const stroke = createStroke(labelmap, PAINT, 'bench');
      const region = brushRegion({
        center: randomCenter(random),
        radiusMm: 5,
        shape: 'circle',
        plane: 'k',
        geometry,
      });
      timed(() => void stroke.add(region));
      stroke.cancel();
    }),
  );
  return out;
}

/** Five lesions (spheres of 6–15 mm) and one drawn every 4th slice (a 15 mm disc). */
function paintLesions(labelmap: Labelmap): void {
  const geometry = labelmap.geometry;
  const stroke = createStroke(labelmap, PAINT, 'lesions');
  const lesions: [Ijk, number][] = [
    [[180, 220, 80], 15],
    [[320, 200, 120], 10],
    [[260, 330, 150], 8],
    [[200, 300, 200], 12],
    [[340, 320, 230], 6],
  ];
  for (const [center, radiusMm] of lesions)
    stroke.add(brushRegion({ center, radiusMm, shape: 'sphere', plane: 'k', geometry }));
  stroke.end();
  const sparse = createStroke(labelmap, { ...PAINT, segment: 2 }, 'every 4th slice');
  for (let k = 100; k <= 160; k += 4) {
    const radiusMm = 15 + 5 * Math.sin((k - 100) / 20);
    sparse.add(
      brushRegion({ center: [380, 160, k], radiusMm, shape: 'circle', plane: 'k', geometry }),
    );
  }
  sparse.end();
}

/** 40 mouse samples 2 mm apart along a curve on one axial slice, as a fast drag would give. */
function dragPath(): Ijk[] {
  const path: Ijk[] = [];
  for (let s = 0; s < 40; s++) path.push([230 + s * 2.5, 250 + 20 * Math.sin(s / 6), 170.2]);
  return path;
}

function drag(labelmap: Labelmap, timed?: (work: () => void) => void): EditRecord | null {
  const geometry = labelmap.geometry;
  const path = dragPath();
  const stroke = createStroke(labelmap, { ...PAINT, segment: 3 }, 'drag');
  const first = path[0] ?? [0, 0, 0];
  const addFirst = (): void =>
    void stroke.add(
      brushRegion({ center: first, radiusMm: 5, shape: 'circle', plane: 'k', geometry }),
    );
  if (timed) timed(addFirst);
  else addFirst();
  for (let s = 1; s < path.length; s++) {
    const from = path[s - 1] ?? first;
    const to = path[s] ?? first;
    const add = (): void =>
      void stroke.add(
        strokeRegion({ from, to, radiusMm: 5, shape: 'circle', plane: 'k', geometry }),
      );
    if (timed) timed(add);
    else add();
  }
  return stroke.end();
}

const fmt = (ms: number): string => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));

export async function run(): Promise<object> {
  const machine = machineInfo();
  const geometry = { dimensions: DIMENSIONS, spacingMm: SPACING_MM };
  const labelmap = createLabelmap(geometry);
  labelmap.data.fill(0); // touch every page before timing
  const brush = brushBenches(labelmap);

  paintLesions(labelmap);
  const copyTarget = new Uint8Array(labelmap.data.length).fill(1);
  const whole: Sampled[] = [];
  whole.push(
    fromTiming(
      measure('reference: copy labelmap (Uint8Array.set)', REPS, () =>
        copyTarget.set(labelmap.data),
      ),
    ),
  );

  // The drag: per-add samples with a timer around each add, then (separately, so 80 timer calls
  // do not inflate it) the whole stroke with its end(), then undo and redo of the record.
  const history = createEditHistory({ maxBytes: 512 * 2 ** 20 });
  const perAdd: number[] = [];
  const strokeMs: number[] = [];
  const undoMs: number[] = [];
  const redoMs: number[] = [];
  let dragRecord: EditRecord | null = null;
  const DRAG_WARMUP = 10;
  for (let r = 0; r < DRAG_WARMUP + 30; r++) {
    if (r % 10 === 0) collectGarbage();
    const adds: number[] = [];
    const timedRecord = drag(labelmap, (work) => {
      const t = performance.now();
      work();
      adds.push(performance.now() - t);
    });
    if (timedRecord)
      writeBox(labelmap.data, labelmap.geometry, timedRecord.box, timedRecord.before);
    const start = performance.now();
    const record = drag(labelmap);
    const total = performance.now() - start;
    if (!record) throw new Error('bench: the drag changed nothing');
    history.push(record);
    let t = performance.now();
    history.undo(labelmap);
    const undo = performance.now() - t;
    t = performance.now();
    history.redo(labelmap);
    const redo = performance.now() - t;
    history.undo(labelmap);
    if (r < DRAG_WARMUP) continue;
    perAdd.push(...adds);
    strokeMs.push(total);
    undoMs.push(undo);
    redoMs.push(redo);
    dragRecord = record;
  }
  const dragTable = [
    summarise('drag: one strokeRegion + add (5 mm circle)', perAdd),
    summarise('drag: whole 40-sample stroke incl. end()', strokeMs),
    summarise('drag: undo of the stroke', undoMs),
    summarise('drag: redo of the stroke', redoMs),
  ];
  if (!dragRecord) throw new Error('bench: no drag record');
  const record = dragRecord;

  const counts = countVoxelsBySegment(labelmap);
  whole.push(
    fromTiming(
      measure('countVoxelsBySegment (full scan)', REPS, () => countVoxelsBySegment(labelmap)),
    ),
  );
  const delta = sampleMicro('applyCountDelta (drag record)', 200, (timed) => {
    timed(() => applyCountDelta(counts, record, 'do'));
    applyCountDelta(counts, record, 'undo');
  });
  whole.push(
    fromTiming(
      measure('segmentBoundingBox (full scan)', REPS, () => segmentBoundingBox(labelmap, 1)),
    ),
  );
  let islandCount = 0;
  whole.push(
    fromTiming(
      measure('findIslands: 5 lesions (scan + label)', REPS, () => {
        islandCount = findIslands(labelmap, 1, 6).length;
      }),
    ),
  );
  let filled = 0;
  whole.push(
    fromTiming(
      measure('fillBetweenSlices: lesion on every 4th slice', REPS, () => {
        const fill = fillBetweenSlices(labelmap, 2, 'k');
        if (!fill) throw new Error('bench: nothing filled');
        filled = fill.changedVoxels;
        // Put the gaps back so every repetition interpolates the same input.
        writeBox(labelmap.data, labelmap.geometry, fill.box, fill.before);
      }),
    ),
  );
  const encoded = encodeLabelmapRle(labelmap.data);
  whole.push(
    fromTiming(measure('encodeLabelmapRle', REPS, () => encodeLabelmapRle(labelmap.data))),
  );
  whole.push(
    fromTiming(
      measure('decodeLabelmapRle (new array)', REPS, () =>
        decodeLabelmapRle(encoded, labelmap.data.length),
      ),
    ),
  );
  const restoreTarget = new Uint8Array(labelmap.data.length).fill(1);
  whole.push(
    fromTiming(
      measure('decodeLabelmapRle into an existing labelmap', REPS, () =>
        decodeLabelmapRle(encoded, labelmap.data.length, restoreTarget),
      ),
    ),
  );
  const roundTrip = decodeLabelmapRle(encoded, labelmap.data.length);
  let identical = roundTrip.length === labelmap.data.length;
  for (let q = 0; identical && q < roundTrip.length; q++)
    identical = roundTrip[q] === labelmap.data[q];

  console.log(`\nsegmentation: ${DIMENSIONS.join('×')} labelmap at ${SPACING_MM.join('×')} mm`);
  console.log(`machine: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}\n`);
  const header = ['', 'median ms', 'p95 ms', 'min ms', 'max ms', '> 2 ms', 'runs'];
  const rows = (list: Sampled[], budget = true): string[][] =>
    list.map((t) => [
      t.label,
      fmt(t.medianMs),
      fmt(t.p95Ms),
      fmt(t.minMs),
      fmt(t.maxMs),
      budget ? `${(100 * t.over2Ms).toFixed(1)} %` : '',
      String(t.runs),
    ]);
  console.log(
    formatTable([
      header,
      ...rows(brush),
      ...rows(dragTable),
      ...rows([delta]),
      ...rows(whole, false),
    ]),
  );
  console.log(
    `\ndrag record: ${record.changedVoxels} voxels changed, box ${record.box.min.join(',')}–${record.box.max.join(',')} ` +
      `(${record.before.length} bytes × 2); islands found: ${islandCount}; filled between slices: ${filled} voxels; ` +
      `RLE: ${encoded.length} bytes (${(encoded.length / 1024).toFixed(1)} KiB), round trip identical: ${identical}\n`,
  );
  return {
    name,
    machine,
    dimensions: DIMENSIONS,
    spacingMm: SPACING_MM,
    brush,
    drag: dragTable,
    countDelta: delta,
    whole,
    dragRecord: { changedVoxels: record.changedVoxels, boxBytes: record.before.length },
    islands: islandCount,
    filledVoxels: filled,
    rleBytes: encoded.length,
    rleRoundTripIdentical: identical,
  };
}
