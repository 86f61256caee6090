/**
 * Lesion statistics of five lesions (8–40 mm) on a 512×512×300 CT-like phantom
 * (bench/stats/phantom.ts), beside a plain copy of the labelmap and cornerstone3D 5.14's own
 * segmentation statistics on the same voxels:
 *  1. Node: a copy of the labelmap (into a new buffer, and into a preallocated one), our full
 *     computation of all five lesions, one full scan per segment (the old path), and our
 *     tracker's update after a 10 mm sphere paint stroke (changed box only, then a lazy get);
 *  2. headless Chromium, one page (bench/stats/peer): the copies and our full computation again,
 *     interleaved with the peer's `getStatistics` and `getSegmentLargestBidirectional`.
 * Read ratios within one run: the machine is shared.
 *
 *   npx tsx bench/run.ts stats   (env: BENCH_REPS=15, BENCH_STATS_SAMPLES=300,
 *                                 BENCH_STATS_PEER_REPS=5, BENCH_STATS_BROWSER=0 to skip 2.)
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeAllLesionStatistics } from '../plugins/liver-lesion-review/domain/quantify/computeAllLesionStatistics.ts';
import { computeLesionStatistics } from '../plugins/liver-lesion-review/domain/quantify/computeLesionStatistics.ts';
import { createLesionStatisticsTracker } from '../plugins/liver-lesion-review/domain/quantify/createLesionStatisticsTracker.ts';
import { scanSegmentAccumulators } from '../plugins/liver-lesion-review/domain/quantify/scanSegmentAccumulators.ts';
import { launchChromium } from '../test/browser/launchChromium.ts';
import { collectGarbage, formatTable, machineInfo, measure } from './measure.ts';
import type { PeerCall, SegmentAgreement, StatsPageApi } from './stats/pageApi.ts';
import { buildPhantom, type Phantom } from './stats/phantom.ts';
import { buildAndServe } from './editor/servers.ts';
import {
  STROKE_RADIUS_MM,
  sampleIncrementalUpdates,
  type IncrementalSamples,
} from './stats/workloads.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const name = 'stats';

const REPS = Number(process.env['BENCH_REPS'] ?? 15);
const SAMPLES = Number(process.env['BENCH_STATS_SAMPLES'] ?? 300);
const PEER_REPS = Number(process.env['BENCH_STATS_PEER_REPS'] ?? 5);
const BROWSER = process.env['BENCH_STATS_BROWSER'] !== '0';
/** Strokes on the largest lesion (40 mm: the most slices to re-hull) and on a 15 mm one. */
const STROKED_SEGMENTS = [5, 2] as const;

interface Row {
  readonly label: string;
  readonly n: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly samplesMs: number[];
}

function summarise(label: string, samplesMs: readonly number[]): Row {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1] ?? NaN;
  return {
    label,
    n: sorted.length,
    medianMs: rank(0.5),
    p95Ms: rank(0.95),
    minMs: sorted[0] ?? NaN,
    meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    samplesMs: samplesMs.map((ms) => Number(ms.toFixed(3))),
  };
}

const fmt = (ms: number): string =>
  !Number.isFinite(ms) ? '—' : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
const ratio = (a: number, b: number): string =>
  !Number.isFinite(a) || !Number.isFinite(b) || b === 0
    ? '—'
    : a / b < 0.1
      ? (a / b).toFixed(4)
      : (a / b).toFixed(2);

function nodeRows(phantom: Phantom): { rows: Row[]; incremental: IncrementalSamples[] } {
  const { labels } = phantom;
  const target = new Uint8Array(labels.length).fill(1);
  const rows: Row[] = [];
  const timed = (label: string, runs: number, work: () => unknown): void => {
    rows.push(summarise(label, measure(label, runs, work).samplesMs));
  };
  timed('copy labelmap → new buffer (new Uint8Array)', REPS, () => new Uint8Array(labels));
  timed('copy labelmap → preallocated (.set)', REPS, () => target.set(labels));
  timed('ours: computeAllLesionStatistics, 5 lesions', REPS, () =>
    computeAllLesionStatistics(phantom),
  );
  timed('  its scan alone (scanSegmentAccumulators)', REPS, () =>
    scanSegmentAccumulators(phantom.labels, phantom.image, phantom.grid),
  );
  timed('ours: createLesionStatisticsTracker + getAll', REPS, () =>
    createLesionStatisticsTracker(phantom).getAll(),
  );
  timed('computeLesionStatistics × 5 (a scan per lesion)', Math.min(REPS, 3), () => {
    for (const { segment } of phantom.lesions) computeLesionStatistics({ ...phantom, segment });
  });
  const incremental = STROKED_SEGMENTS.map((segment) =>
    sampleIncrementalUpdates({
      phantom,
      segment,
      samples: SAMPLES,
      warmup: 30,
      seed: segment,
      between: (n) => {
        if (n % 50 === 0) collectGarbage();
      },
      cpuNow: () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      },
    }),
  );
  return { rows, incremental };
}

function incrementalRows(list: readonly IncrementalSamples[], phantom: Phantom): Row[] {
  return list.flatMap((s) => {
    const lesion = phantom.lesions.find((l) => l.segment === s.segment);
    const size = lesion ? `${2 * Math.max(...lesion.radiiMm)} mm` : '';
    return [
      summarise(`ours: stroke on lesion ${s.segment} (${size}): applyEdit + get`, s.updateMs),
      summarise('  CPU time of the same (process.cpuUsage)', s.updateCpuMs),
      summarise('  applyEdit (counts, sums, box)', s.applyEditMs),
      summarise('  get (re-hull touched slices, diameters)', s.getMs),
    ];
  });
}

interface BrowserResult {
  readonly setupMs: { phantom: number; cornerstone: number; buildMs: number };
  readonly rows: Row[];
  readonly peerCalls: { statistics: PeerCall[]; bidirectional: PeerCall[] };
  readonly incremental: IncrementalSamples;
  readonly agreement: SegmentAgreement[];
  readonly problems: string[];
}

async function browserRows(): Promise<BrowserResult> {
  const served = await buildAndServe(path.join(here, 'stats/peer/vite.config.ts'));
  const session = await launchChromium();
  try {
    const { page } = session;
    // tsx wraps named functions in a `__name` helper that page.evaluate does not carry along.
    await page.addInitScript('window.__name = (f) => f;');
    await page.goto(served.url);
    await page.waitForFunction(
      () => {
        const api = (window as unknown as { __stats?: StatsPageApi }).__stats;
        return document.getElementById('status')?.textContent?.startsWith('failed') || api?.ready();
      },
      undefined,
      { timeout: 180_000 },
    );
    const failure = await page.evaluate(() =>
      document.getElementById('status')?.textContent?.startsWith('failed')
        ? document.getElementById('status')?.textContent
        : null,
    );
    if (failure) throw new Error(`stats page: ${failure}`);
    type Call = 'copyNew' | 'copySet' | 'ours' | 'peerCopies';
    const sync = (call: Call): Promise<number> =>
      page.evaluate((c) => (window as unknown as { __stats: StatsPageApi }).__stats[c](), call);
    const peer = (call: 'peerStatistics' | 'peerBidirectional'): Promise<PeerCall> =>
      page.evaluate((c) => (window as unknown as { __stats: StatsPageApi }).__stats[c](), call);
    const setupMs = await page.evaluate(() =>
      (window as unknown as { __stats: StatsPageApi }).__stats.setupMs(),
    );
    // Warm-up: JIT on our side, the compute worker's start on the peer's.
    for (const call of ['ours', 'copyNew', 'copySet', 'ours'] as const) await sync(call);
    await peer('peerStatistics');
    await peer('peerBidirectional');
    const samples: Record<Call, number[]> = { copyNew: [], copySet: [], ours: [], peerCopies: [] };
    const peerCalls = { statistics: [] as PeerCall[], bidirectional: [] as PeerCall[] };
    // Per round: ours ×4, copy .set ×3, copy new ×2 (its 75 MB of garbage is left next to a
    // peer call, where a collection costs the peer rather than our next sample), peer ×1 each.
    for (let r = 0; r < PEER_REPS; r++) {
      for (const call of ['ours', 'copySet', 'ours', 'copySet', 'ours', 'copyNew'] as const)
        samples[call].push(await sync(call));
      peerCalls.statistics.push(await peer('peerStatistics'));
      for (const call of ['ours', 'copySet', 'copyNew', 'peerCopies'] as const)
        samples[call].push(await sync(call));
      peerCalls.bidirectional.push(await peer('peerBidirectional'));
      console.log(
        `stats: browser round ${r + 1}/${PEER_REPS}: peer getStatistics ${fmt(peerCalls.statistics.at(-1)?.ms ?? NaN)} ms, ` +
          `bidirectional ${fmt(peerCalls.bidirectional.at(-1)?.ms ?? NaN)} ms`,
      );
    }
    const incremental = await page.evaluate(
      ([segment, n]) =>
        (window as unknown as { __stats: StatsPageApi }).__stats.oursIncremental(segment, n),
      [STROKED_SEGMENTS[0], Math.min(SAMPLES, 200)] as const,
    );
    const agreement = await page.evaluate(() =>
      (window as unknown as { __stats: StatsPageApi }).__stats.agreement(),
    );
    const rows = [
      summarise('copy labelmap → new buffer (new Uint8Array)', samples.copyNew),
      summarise('copy labelmap → preallocated (.set)', samples.copySet),
      summarise('ours: computeAllLesionStatistics, 5 lesions', samples.ours),
      summarise(
        `ours: stroke on lesion ${STROKED_SEGMENTS[0]}: applyEdit + get (0.1 ms timer)`,
        incremental.updateMs,
      ),
      summarise(
        'peer: getStatistics, 5 segments (individual)',
        peerCalls.statistics.map((c) => (c.ok ? c.ms : NaN)),
      ),
      summarise('  its main-thread copies (getCompleteScalarDataArray ×2)', samples.peerCopies),
      summarise(
        'peer: getSegmentLargestBidirectional, 5 segments',
        peerCalls.bidirectional.map((c) => (c.ok ? c.ms : NaN)),
      ),
    ];
    return {
      setupMs: { ...setupMs, buildMs: served.buildMs },
      rows,
      peerCalls,
      incremental,
      agreement,
      problems: [...session.problems],
    };
  } finally {
    await session.close();
    await served.close();
  }
}

function printAgreement(agreement: readonly SegmentAgreement[]): void {
  const rows = [
    [
      'segment',
      'count ours/peer',
      'mean Δ',
      'min/max equal',
      'SD ours (n−1) / peer (n)',
      'centroid Δ mm',
      'long axis ours / peer',
      'short axis ours / peer',
      'max 3D ours',
    ],
  ];
  for (const { segment, ours: o, peer: p } of agreement) {
    const centroidDelta = p.center
      ? Math.hypot(...o.centroidMm.map((v, a) => v - (p.center?.[a] ?? NaN)))
      : NaN;
    rows.push([
      String(segment),
      `${o.voxelCount}/${p.count ?? '—'}`,
      p.mean === null ? '—' : Math.abs(o.mean - p.mean).toExponential(1),
      String(o.min === p.min && o.max === p.max),
      `${o.sd.toFixed(3)} / ${p.stdDev?.toFixed(3) ?? '—'}`,
      Number.isFinite(centroidDelta) ? centroidDelta.toExponential(1) : '—',
      `${o.longestAxialMm.toFixed(2)} / ${p.majorAxisMm?.toFixed(2) ?? '—'}`,
      `${o.shortAxisMm.toFixed(2)} / ${p.minorAxisMm?.toFixed(2) ?? '—'}`,
      o.maximum3dDiameterMm.toFixed(2),
    ]);
  }
  console.log(formatTable(rows));
}

export async function run(): Promise<object> {
  const machine = {
    ...machineInfo(),
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  let started = performance.now();
  const phantom = buildPhantom();
  const phantomMs = performance.now() - started;
  const truth = computeAllLesionStatistics(phantom);
  console.log(
    `stats: phantom ${phantom.grid.dimensions.join('×')} at ${phantom.grid.spacingMm.join('×')} mm built in ${fmt(phantomMs)} ms; ` +
      `lesions ${[...truth].map(([s, t]) => `${s}: ${t.voxelCount} voxels, ${t.longestAxial?.lengthMm.toFixed(1)} mm`).join('; ')}`,
  );
  started = performance.now();
  const node = nodeRows(phantom);
  console.log(`stats: Node part ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const browser = BROWSER ? await browserRows() : null;
  const machineAfter = { loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) };

  const rowsNode = [...node.rows, ...incrementalRows(node.incremental, phantom)];
  const copyNew = (rows: Row[]) => rows.find((r) => r.label.includes('new Uint8Array'));
  const copySet = (rows: Row[]) => rows.find((r) => r.label.includes('.set'));
  const table = (rows: Row[], peerRow?: Row) => [
    [
      'ms',
      'median',
      'p95',
      'min',
      'mean',
      'runs',
      '÷ copy new',
      '÷ copy .set',
      ...(peerRow ? ['÷ peer'] : []),
    ],
    ...rows.map((r) => [
      r.label,
      fmt(r.medianMs),
      fmt(r.p95Ms),
      fmt(r.minMs),
      fmt(r.meanMs),
      String(r.n),
      ratio(r.medianMs, copyNew(rows)?.medianMs ?? NaN),
      ratio(r.medianMs, copySet(rows)?.medianMs ?? NaN),
      ...(peerRow ? [ratio(r.medianMs, peerRow.medianMs)] : []),
    ]),
  ];
  console.log(
    `\nstats — ${machine.cores} cores "${machine.cpuModel}", node ${machine.node}; load ${machine.loadAverageAtStart.join(' ')} → ${machineAfter.loadAverageAtEnd.join(' ')}`,
  );
  console.log(
    `\nNode (stroke: sphere r = ${STROKE_RADIUS_MM} mm on the lesion's surface, ${SAMPLES} strokes per lesion)`,
  );
  console.log(formatTable(table(rowsNode)));
  for (const s of node.incremental)
    console.log(
      `lesion ${s.segment}: stroke box ${s.meanBoxVoxels} voxels, ${s.meanChangedVoxels} changed; tracker = fresh full computation: ${s.equalsFresh}`,
    );
  if (browser) {
    const peerRow = browser.rows.find((r) => r.label.startsWith('peer: getStatistics'));
    console.log(
      `\nChromium, one page (setup: build ${fmt(browser.setupMs.buildMs)} ms, phantom ${fmt(browser.setupMs.phantom)} ms, cornerstone scene ${fmt(browser.setupMs.cornerstone)} ms)`,
    );
    console.log(formatTable(table(browser.rows, peerRow)));
    console.log(`tracker in the page = fresh full computation: ${browser.incremental.equalsFresh}`);
    const failed = [...browser.peerCalls.statistics, ...browser.peerCalls.bidirectional].filter(
      (c) => !c.ok,
    );
    if (failed.length) console.log(`peer calls failed: ${failed.map((c) => c.error).join(' | ')}`);
    console.log('\nagreement, ours vs peer on the same voxels:');
    printAgreement(browser.agreement);
    if (browser.problems.length) console.log(`page problems: ${browser.problems.join(' | ')}`);
  }
  return {
    machine: { ...machine, ...machineAfter },
    setup: {
      dimensions: phantom.grid.dimensions,
      spacingMm: phantom.grid.spacingMm,
      lesions: phantom.lesions,
      phantomMs,
      strokeRadiusMm: STROKE_RADIUS_MM,
      reps: REPS,
      samples: SAMPLES,
      peerReps: PEER_REPS,
    },
    node: { rows: rowsNode, incremental: node.incremental },
    browser,
  };
}
