/**
 * DICOM SEG export of five lesions (8–40 mm) on a 512×512×300 CT, ours beside
 * @cornerstonejs/adapters 5.14.0 (the peer) in one Node process, on the same labelmap and the same
 * CT files (bench/segExport). Rows, interleaved repetition by repetition with a full GC before
 * each: a plain copy of the labelmap (the floor), ours (describe source + build input + write
 * Part 10), the peer by its own example recipe and with slices in image order (see
 * segExport/peer.ts). Every output is checked once: dciodvfy -new errors, and read back with our
 * SEG reader onto the CT grid (voxels per segment against a plain count of the input labelmap,
 * voxels differing from it). Peak extra memory comes from one child process per side.
 *
 *   npx tsx bench/run.ts seg-export   (env: BENCH_REPS=9, BENCH_SEG_MEMORY=0 skips memory,
 *                                       BENCH_SEG_SIZE=512, BENCH_SEG_SLICES=300)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVER_SEGMENT_TYPES } from '../plugins/liver-lesion-review/domain/segmentTypes.ts';
import {
  describeSegSource,
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
} from '../src/dicom/seg/index.ts';
import { validateDicomFile } from '../test/support/dciodvfy.ts';
import { collectGarbage, formatTable, machineInfo } from './measure.ts';
import {
  buildSegBenchData,
  countVoxels,
  generateCtFiles,
  type SegBenchData,
} from './segExport/data.ts';
import type { MemoryFigures } from './segExport/memoryChild.ts';
import { exportOurs } from './segExport/ours.ts';
import { exportPeer, preparePeer, type PeerContext } from './segExport/peer.ts';

export const name = 'seg-export';

const REPS = Number(process.env['BENCH_REPS'] ?? 9);
const SIZE = Number(process.env['BENCH_SEG_SIZE'] ?? 512);
const SLICES = Number(process.env['BENCH_SEG_SLICES'] ?? 300);
const MEMORY = process.env['BENCH_SEG_MEMORY'] !== '0';
const here = path.dirname(fileURLToPath(import.meta.url));

interface Row {
  readonly key: string;
  readonly label: string;
  readonly work: () => Uint8Array;
}

interface Check {
  readonly outputBytes: number;
  readonly dciodvfyErrors: number;
  /** Error lines with item indices folded, and how often each occurs. */
  readonly dciodvfyErrorKinds: Record<string, number>;
  readonly frames: number | null;
  /** Voxels per segment number as read back (segment numbers 1–5 = lesions 1–5). */
  readonly readBackCounts: Record<string, number>;
  readonly countsMatch: boolean;
  /** Voxels whose read-back label differs from the input labelmap. */
  readonly voxelsDiffering: number;
  /** The same against the input mirrored along the slice axis (slice k ↔ slice n − 1 − k). */
  readonly voxelsDifferingFromSliceMirror: number;
  readonly readBackError?: string;
}

function checkOutput(bytes: Uint8Array, data: SegBenchData, file: string): Check {
  writeFileSync(file, bytes);
  const dciodvfy = validateDicomFile(file);
  const kinds: Record<string, number> = {};
  for (const line of dciodvfy.errors) {
    const kind = line.replace(/\[\d+\]/g, '[n]');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  const base = {
    outputBytes: bytes.length,
    dciodvfyErrors: dciodvfy.errors.length,
    dciodvfyErrorKinds: kinds,
  };
  const parsed = parseSegmentation({ name: path.basename(file), bytes });
  if (!parsed.ok)
    return {
      ...base,
      frames: null,
      readBackCounts: {},
      countsMatch: false,
      voxelsDiffering: NaN,
      voxelsDifferingFromSliceMirror: NaN,
      readBackError: `${parsed.error.code}: ${parsed.error.message}`,
    };
  const back = segmentationToLabelmap(parsed.value, segTargetFromSeries(data.series)!);
  if (!back.ok)
    return {
      ...base,
      frames: parsed.value.frames.length,
      readBackCounts: {},
      countsMatch: false,
      voxelsDiffering: NaN,
      voxelsDifferingFromSliceMirror: NaN,
      readBackError: `${back.error.code}: ${back.error.message}`,
    };
  const counts = countVoxels(back.value.labels);
  const [nx, ny, nz] = data.dimensions;
  const plane = nx * ny;
  let differing = 0;
  let differingFromMirror = 0;
  for (let k = 0; k < nz; k++) {
    const mirrored = (nz - 1 - k) * plane;
    for (let p = 0, v = k * plane; p < plane; p++, v++) {
      const read = back.value.labels[v];
      if (read !== data.labels[v]) differing++;
      if (read !== data.labels[mirrored + p]) differingFromMirror++;
    }
  }
  const expected = [...data.voxelCounts].sort((a, b) => a[0] - b[0]);
  return {
    ...base,
    frames: parsed.value.frames.length,
    readBackCounts: Object.fromEntries(counts),
    countsMatch:
      counts.size === expected.length &&
      expected.every(([segment, n]) => counts.get(segment) === n),
    voxelsDiffering: differing,
    voxelsDifferingFromSliceMirror: differingFromMirror,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1] ?? NaN;
}

function memoryOf(folder: string, side: string): MemoryFigures | { side: string; error: string } {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'segExport', 'memoryChild.ts'), folder, side],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{'))
    return {
      side,
      error: `exit ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' / ')}`,
    };
  return JSON.parse(last) as MemoryFigures;
}

export async function run(): Promise<object> {
  const load = os.loadavg();
  let t = performance.now();
  const files = generateCtFiles(SIZE, SLICES);
  const data = buildSegBenchData(files);
  const generateMs = performance.now() - t;
  const source = describeSegSource(data.series);
  if (!source.ok) throw new Error(source.error.message);
  const uids = source.value.source.slices.map((s) => s.sopInstanceUid);
  console.log(
    `CT ${data.dimensions.join('×')} (${(data.ctBytes / 2 ** 20).toFixed(0)} MiB of files) built in ${(generateMs / 1000).toFixed(1)} s; lesion voxels ${[...data.voxelCounts.values()].join(', ')}`,
  );

  t = performance.now();
  let peer: PeerContext | null = null;
  let peerSetupError: string | null = null;
  try {
    peer = await preparePeer(data, uids, LIVER_SEGMENT_TYPES);
  } catch (e) {
    peerSetupError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const peerMetadataLoadMs = performance.now() - t;

  const preallocated = new Uint8Array(data.labels.length);
  preallocated.set(data.labels);
  const rows: Row[] = [
    { key: 'copyNew', label: 'copy labelmap → new buffer', work: () => data.labels.slice() },
    {
      key: 'copyPreallocated',
      label: 'copy labelmap → preallocated',
      work: () => (preallocated.set(data.labels), preallocated),
    },
    {
      key: 'ours',
      label: 'ours: describe + input + write',
      work: () => exportOurs(data, LIVER_SEGMENT_TYPES),
    },
  ];
  if (peer) {
    const context = peer;
    rows.push(
      {
        key: 'peerSliceOrder',
        label: 'peer: slices in image order',
        work: () => exportPeer(context, 'sliceOrder'),
      },
      {
        key: 'peerExample',
        label: 'peer: adapters example recipe',
        work: () => exportPeer(context, 'example'),
      },
    );
  }

  // One checked run of each export (also the warm-up); a row whose export throws is dropped.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-seg-export-'));
  const checks: Record<string, Check | { error: string }> = {};
  const timed: Row[] = [];
  try {
    for (const row of rows) {
      try {
        const bytes = row.work();
        if (row.key.startsWith('copy')) timed.push(row);
        else {
          checks[row.key] = checkOutput(bytes, data, path.join(dir, `${row.key}.dcm`));
          timed.push(row);
        }
      } catch (e) {
        checks[row.key] = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      }
    }

    // Interleaved repetitions: every row sees the same machine load.
    const samples = new Map<string, number[]>(timed.map((r) => [r.key, []]));
    const holder: unknown[] = [null];
    for (let rep = 0; rep < REPS; rep++) {
      for (const row of timed) {
        holder[0] = null;
        collectGarbage();
        const start = performance.now();
        holder[0] = row.work();
        samples.get(row.key)!.push(performance.now() - start);
      }
    }
    holder[0] = null;
    collectGarbage();

    const memory: Array<MemoryFigures | { side: string; error: string }> = [];
    if (MEMORY) {
      const ctDir = path.join(dir, 'ct');
      mkdirSync(ctDir);
      for (const f of files) writeFileSync(path.join(ctDir, f.name), f.bytes);
      for (const side of ['ours', ...(peer ? ['sliceOrder', 'example'] : [])])
        memory.push(memoryOf(ctDir, side));
    }

    const stats = timed.map((row) => {
      const ms = samples.get(row.key)!;
      const sorted = [...ms].sort((a, b) => a - b);
      return {
        key: row.key,
        label: row.label,
        runs: ms.length,
        medianMs: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        minMs: sorted[0] ?? NaN,
        samplesMs: ms.map((v) => Number(v.toFixed(2))),
      };
    });
    const median = (key: string): number => stats.find((s) => s.key === key)?.medianMs ?? NaN;
    const peerKey = Number.isFinite(median('peerSliceOrder')) ? 'peerSliceOrder' : 'peerExample';
    const check = (key: string): Check | null => {
      const c = checks[key];
      return c && 'outputBytes' in c ? c : null;
    };
    console.log(
      formatTable([
        ['ms', 'median', 'p95', 'min', 'bytes', 'dciodvfy errors', 'read-back', '÷ peer'],
        ...stats.map((s) => {
          const c = check(s.key);
          return [
            s.label,
            s.medianMs.toFixed(1),
            s.p95Ms.toFixed(1),
            s.minMs.toFixed(1),
            c ? String(c.outputBytes) : '',
            c ? String(c.dciodvfyErrors) : '',
            c
              ? (c.readBackError ??
                `${c.countsMatch ? 'counts equal' : 'COUNTS DIFFER'}, ${c.voxelsDiffering} voxels differ${c.voxelsDiffering > 0 && c.voxelsDifferingFromSliceMirror === 0 ? ' (= input mirrored along z)' : ''}`)
              : '',
            (s.medianMs / median(peerKey)).toFixed(3),
          ];
        }),
      ]),
    );
    for (const [key, c] of Object.entries(checks))
      if ('error' in c) console.log(`${key} failed: ${c.error}`);
    if (peerSetupError) console.log(`peer setup failed: ${peerSetupError}`);
    for (const m of memory) console.log(`memory ${JSON.stringify(m)}`);
    return {
      machine: machineInfo(),
      loadAverageAtStart: load,
      loadAverageAtEnd: os.loadavg(),
      data: {
        dimensions: data.dimensions,
        ctFiles: files.length,
        ctBytes: data.ctBytes,
        lesionVoxels: Object.fromEntries(data.voxelCounts),
      },
      peerMetadataLoadMs,
      peerSetupError,
      timings: stats,
      checks,
      memory,
      ratios: {
        oursOverPeer: median('ours') / median(peerKey),
        peerComparedWith: peerKey,
        oursOverCopyNew: median('ours') / median('copyNew'),
        oursOverCopyPreallocated: median('ours') / median('copyPreallocated'),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
