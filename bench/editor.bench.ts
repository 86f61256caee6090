/**
 * Segment editor benchmark in headless Chromium (SwiftShader WebGL2), side by side with
 * cornerstone3D's own segmentation brush (the peer page in bench/editor/peer) on the same
 * 512×512×300 CT, in one process and one browser, both pages open, measurements interleaved
 * (ours, peer, peer, ours, …) so that load from other processes hits both sides alike:
 *  1. CPU of one paint stamp (region + labelmap update + undo bookkeeping);
 *  2. input-to-render latency of real mouse strokes (page.mouse), median and p95;
 *  3. tool switching, click → second animation frame, on an empty and on a painted labelmap;
 *     and by real input: key press → button pressed / next pointerdown handled, with a check
 *     that the drag after it is handled by the new tool;
 *  4. segment statistics: ours live from the changed region; the peer's on demand (full pass).
 * Compare the ours/peer ratios of one run, not absolute figures across runs.
 *
 *   npx tsx bench/run.ts editor     (env: BENCH_EDITOR_SAMPLES=60, BENCH_EDITOR_ROUNDS=6,
 *                                    BENCH_EDITOR_KEY_ROUNDS=3)
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/browser/launchChromium.ts';
import { prepareCt, CT_SIZE, type BenchCt } from './editor/ctData.ts';
import {
  collectKeySwitch,
  collectLatency,
  installKeySwitchProbe,
  installLatencyProbe,
  renderQuiet,
  switchTools,
  type KeySwitchRecord,
  type LatencyRecord,
  type SwitchRecord,
} from './editor/pageProbes.ts';
import { serveApp, servePeer } from './editor/servers.ts';
import { fmt, ratio, summarise, type Summary } from './editor/summary.ts';
import { formatTable, machineInfo } from './measure.ts';

export const name = 'editor';

const SAMPLES = Number(process.env['BENCH_EDITOR_SAMPLES'] ?? 60);
const SWITCH_ROUNDS = Number(process.env['BENCH_EDITOR_ROUNDS'] ?? 6);
/** Rounds of key switches (6 per round and side), each followed by a checked drag. */
const KEY_ROUNDS = Number(process.env['BENCH_EDITOR_KEY_ROUNDS'] ?? 3);
/** Budget per side for one tool-switching series: rounds stop early past it. */
const SWITCH_BUDGET_MS = 15_000;
const RENDER_REPS = 8;
const BRUSH_RADIUS_MM = 10;
/**
 * A 60 Hz mouse moving 12 CSS px per event. The pixel test looks 4 px inside the leading edge
 * of each move's disc: 8 px beyond what the previous move painted.
 */
const STROKE = { moves: 30, stepPx: 12, intervalMs: 1000 / 60, probeInsetPx: 4 } as const;
const STROKES_PER_SHAPE = 2;

type Vec3 = [number, number, number];
type Shape = 'circle' | 'sphere';
type SideName = 'ours' | 'peer';
const STAMP_CASES: ReadonlyArray<{ label: string; radiusMm: number; sphere: boolean }> = [
  { label: 'sphere r=10 mm', radiusMm: 10, sphere: true },
  { label: 'sphere r=5 mm (10 mm across)', radiusMm: 5, sphere: true },
  { label: 'circle r=10 mm', radiusMm: 10, sphere: false },
];

interface StampResult {
  readonly label: string;
  /** Ours: benchStrokeCpu. Peer: getOperationData → applyActiveStrategy → doneEditMemo. */
  readonly total: Summary & { meanMs: number | null };
  /** Peer only: applyActiveStrategy alone, and its synchronous data-modified listeners. */
  readonly strategy?: Summary;
  readonly listeners?: Summary;
  readonly samplesMs: number[];
}

interface StrokeResult {
  readonly shape: Shape;
  /** pointermove → the first render that shows this move's paint. */
  readonly painted: Summary;
  /** pointermove → the first viewport render after the move was handled. */
  readonly nextRender: Summary;
  /** How many renders after the move its paint first showed (1 = the next render). */
  readonly paintedAtRender: Summary;
  readonly missedPaint: number;
  /** Moves whose paint showed only in the second (or a later) render after them. */
  readonly paintedLate: number;
  readonly moves: number;
  readonly mouseEvents: number;
  readonly renders: number;
  /** Renders that showed new paint; the others showed nothing new (a move arriving during
   * one waits for it). */
  readonly paintRenders: number;
  /** Ours: pointermove listeners. Peer: BrushTool's MOUSE_DRAG handler. */
  readonly perMoveHandler: Summary;
  /** Peer only: applyActiveStrategy per drag event (the fill). */
  readonly perMoveFill?: Summary;
  /** Ours only: pointerup → segment size text updated, one per stroke. */
  readonly statsUpdate?: Summary;
  /** Per stroke, per move: pointermove → render with its paint, ms (null: never seen). */
  readonly paintedMsPerStroke: Array<Array<number | null>>;
}

interface SwitchResult {
  readonly toSecondFrame: Summary;
  readonly sync: Summary;
  readonly floor: Summary;
  readonly rendersPerSwitch: Summary;
  /** Per target tool: click → second frame, and renders per switch. */
  readonly perTool: Record<string, Summary & { renders: number | null }>;
  readonly switches: number;
}

/** What the drag after a key switch must change if the new tool handled it. */
type Effect = 'paint' | 'erase' | 'window' | 'pan' | 'zoom';
/** Drag shapes (viewport fractions, see `dragPath`): Draw needs a closed outline. */
type PathKind = 'open' | 'closed' | 'line' | 'drag' | 'vertical';

interface KeySwitch {
  readonly key: string;
  /** The button whose aria-pressed shows the tool. */
  readonly label: string;
  readonly effect: Effect;
  readonly path: PathKind;
}

/** What the drag checks read: window, view position and scale, labelled voxels. */
interface ViewSnapshot {
  readonly window: string;
  readonly centre: number[];
  readonly scale: number;
  readonly voxels: number;
}

interface KeySwitchResult {
  readonly pressed: Summary;
  readonly pressedFrame: Summary;
  readonly pointer: Summary;
  readonly pointerWait: Summary;
  readonly renders: Summary;
  /** Per key: key → next pointerdown handled, and renders before it. */
  readonly perKey: Record<string, Summary & { renders: number | null }>;
  readonly switches: number;
  /** Drags after a switch that changed what the new tool changes (and nothing else). */
  readonly handledByNewTool: number;
  readonly wrongTool: string[];
}

interface SideResult {
  readonly loadMs: number;
  readonly mmPerPixel: number;
  readonly render: Summary;
  readonly stamps: StampResult[];
  readonly strokes: StrokeResult[];
  readonly switchEmpty: SwitchResult;
  readonly switchPainted: SwitchResult;
  readonly keySwitch: KeySwitchResult;
  readonly labelledVoxelsAfterStrokes: number;
  readonly statistics?: { ms: number; ok: boolean; detail: string };
  readonly notes: string[];
}

/** What the bench drives on each page. */
interface Side {
  readonly name: SideName;
  readonly page: Page;
  readonly viewportSelector: string;
  readonly switchLabels: string[];
  readonly keySwitches: readonly KeySwitch[];
  readonly statsSelector: string | null;
  readonly loadMs: number;
  readonly mmPerPixel: number;
  readonly notes: string[];
  stamp(c: (typeof STAMP_CASES)[number]): Promise<StampResult | null>;
  /** One plain re-render of the viewport (same plane), call → IMAGE_RENDERED, ms. */
  renderOnce(): Promise<number>;
  prepareStrokes(shape: Shape): Promise<void>;
  /** Peer: the BrushTool timing log of the stroke just made. */
  afterStroke(): Promise<{ fills: number[]; drags: number[] } | null>;
  labelledVoxels(): Promise<number>;
  viewState(): Promise<ViewSnapshot>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rounded = (values: number[]) => values.map((v) => Number(v.toFixed(3)));

function chromiumVersion(): string {
  try {
    return execFileSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/**
 * Times one plain re-render of the viewport (same plane), call → its next IMAGE_RENDERED:
 * ours through the probe's jumpToWorld (which renders), the peer through viewport.render().
 */
async function timeRender(page: Page, selector: string, world: Vec3 | null): Promise<number> {
  return page.evaluate(
    ([sel, at]) =>
      new Promise<number>((resolve, reject) => {
        const host = document.querySelector(sel);
        if (!host) return reject(new Error(`no ${sel}`));
        let start = 0;
        const done = (): void => {
          host.removeEventListener('CORNERSTONE_IMAGE_RENDERED', done);
          resolve(performance.now() - start);
        };
        host.addEventListener('CORNERSTONE_IMAGE_RENDERED', done);
        const w = window as unknown as {
          __llr?: { editor: { jumpToWorld(p: number[]): void } };
          __peer?: { render(): void };
        };
        start = performance.now();
        if (at) w.__llr?.editor.jumpToWorld(at);
        else w.__peer?.render();
      }),
    [selector, world] as const,
  );
}

/** One real stroke with page.mouse along +x at 60 Hz; returns the in-page latency record. */
async function stroke(side: Side, start: { x: number; y: number }): Promise<LatencyRecord> {
  const { page, viewportSelector } = side;
  const box = await page.locator(viewportSelector).boundingBox();
  if (!box) throw new Error(`no ${viewportSelector}`);
  await page.mouse.move(box.x + start.x - 20, box.y + start.y);
  await twoFrames(page);
  const leadPx = BRUSH_RADIUS_MM / side.mmPerPixel - STROKE.probeInsetPx;
  await page.evaluate(installLatencyProbe, {
    viewportSelector,
    leadPx,
    statsSelector: side.statsSelector,
  });
  await page.mouse.move(box.x + start.x, box.y + start.y);
  await page.mouse.down();
  const t0 = performance.now();
  for (let i = 1; i <= STROKE.moves; i++) {
    const wait = t0 + i * STROKE.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    await page.mouse.move(box.x + start.x + i * STROKE.stepPx, box.y + start.y);
  }
  await page.mouse.up();
  await sleep(600);
  await twoFrames(page);
  return page.evaluate(collectLatency);
}

// ---- Ours ---------------------------------------------------------------------------------

function probe(page: Page, fn: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, fnArgs]) => {
      const editor = (
        window as unknown as { __llr: { editor: Record<string, (...a: unknown[]) => unknown> } }
      ).__llr.editor;
      const f = editor[name];
      return typeof f === 'function' ? f(...fnArgs) : undefined;
    },
    [fn, args] as const,
  );
}

/** In the page: window text, voxel index under the canvas centre, voxels per 100 px, and the
 * segment's voxel count from the segment list. */
function readOursView(selector: string): ViewSnapshot {
  const host = document.querySelector<HTMLElement>(selector);
  const editor = (
    window as unknown as {
      __llr: { editor: { canvasToIndex(id: string, x: number, y: number): number[] | null } };
    }
  ).__llr.editor;
  const w = host?.clientWidth ?? 0;
  const h = host?.clientHeight ?? 0;
  const a = editor.canvasToIndex('stack', w / 2, h / 2) ?? [];
  const b = editor.canvasToIndex('stack', w / 2 + 100, h / 2) ?? [];
  const text = host?.parentElement?.textContent ?? '';
  return {
    window: /W -?\d+ L -?\d+/.exec(text)?.[0] ?? '',
    centre: a,
    scale: Math.hypot(
      (b[0] ?? 0) - (a[0] ?? 0),
      (b[1] ?? 0) - (a[1] ?? 0),
      (b[2] ?? 0) - (a[2] ?? 0),
    ),
    voxels: Number(document.querySelector('[data-testid="voxels-1"]')?.textContent ?? NaN),
  };
}

async function openOurs(page: Page, url: string, ct: BenchCt): Promise<Side> {
  const notes: string[] = [];
  const viewportSelector = '[data-testid="viewport-stack"]';
  await page.goto(`${url}/?autoload=0`);
  const loadStart = performance.now();
  await page.locator('[data-testid="open-files-input"]').setInputFiles(ct.dicomPaths);
  await page.getByTestId('slice-info-stack').waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => (window as unknown as { __llr: { editor: { ready(): boolean } } }).__llr.editor.ready(),
    undefined,
    { timeout: 60_000 },
  );
  const loadMs = performance.now() - loadStart;
  const cpuFallback = await page.evaluate(
    () => (window as unknown as { __llr: { cpuFallback: boolean } }).__llr.cpuFallback,
  );
  if (cpuFallback) throw new Error('ours: cornerstone fell back to CPU rendering (no WebGL)');
  await page.getByRole('button', { name: 'Add segment' }).click();
  await page.getByLabel('Name of Lesion 1').waitFor();
  const box = await page.locator(viewportSelector).boundingBox();
  if (!box) throw new Error('ours: no stack viewport');
  const centre = (await probe(page, 'canvasToIndex', 'stack', box.width / 2, box.height / 2)) as
    Vec3 | undefined;
  const right = (await probe(
    page,
    'canvasToIndex',
    'stack',
    box.width / 2 + 100,
    box.height / 2,
  )) as Vec3 | undefined;
  if (!centre || !right) throw new Error('ours: probe has no geometry');
  const mmPerPixel =
    Math.hypot(
      (right[0] - centre[0]) * ct.spacing[0],
      (right[1] - centre[1]) * ct.spacing[1],
      (right[2] - centre[2]) * ct.spacing[2],
    ) / 100;
  // The world point at the canvas centre (index → patient mm), to re-render the same plane.
  const [i, j, k] = centre;
  const [r0 = 1, r1 = 0, r2 = 0, c0 = 0, c1 = 1, c2 = 0, n0 = 0, n1 = 0, n2 = 1] = ct.direction;
  const [sx, sy, sz] = ct.spacing;
  const [o0, o1, o2] = ct.origin;
  const world: Vec3 = [
    o0 + i * sx * r0 + j * sy * c0 + k * sz * n0,
    o1 + i * sx * r1 + j * sy * c1 + k * sz * n1,
    o2 + i * sx * r2 + j * sy * c2 + k * sz * n2,
  ];
  const hasCpuHook = await page.evaluate(
    () =>
      typeof (window as unknown as { __llr: { editor: Record<string, unknown> } }).__llr.editor[
        'benchStrokeCpu'
      ] === 'function',
  );
  if (!hasCpuHook)
    notes.push('window.__llr.editor.benchStrokeCpu is missing: no stamp CPU figures for ours.');

  return {
    name: 'ours',
    page,
    viewportSelector,
    // Editing → editing, editing → viewing, viewing → viewing and viewing → editing switches.
    switchLabels: ['Paint', 'Draw', 'Erase', 'Window/Level', 'Pan', 'Zoom'],
    keySwitches: [
      { key: 'b', label: 'Paint', effect: 'paint', path: 'open' },
      { key: 'd', label: 'Draw', effect: 'paint', path: 'closed' },
      { key: 'e', label: 'Erase', effect: 'erase', path: 'line' },
      { key: 'w', label: 'Window/Level', effect: 'window', path: 'drag' },
      { key: 'p', label: 'Pan', effect: 'pan', path: 'drag' },
      { key: 'z', label: 'Zoom', effect: 'zoom', path: 'vertical' },
    ],
    statsSelector: '[data-testid="voxels-1"]',
    loadMs,
    mmPerPixel,
    notes,
    async stamp(c) {
      if (!hasCpuHook) return null;
      const times = (await probe(page, 'benchStrokeCpu', {
        radiusMm: c.radiusMm,
        sphere: c.sphere,
        samples: SAMPLES,
      })) as number[];
      const mean = times.reduce((s, t) => s + t, 0) / Math.max(1, times.length);
      return {
        label: c.label,
        total: { ...summarise(times), meanMs: Number(mean.toFixed(4)) },
        samplesMs: rounded(times),
      };
    },
    renderOnce: () => timeRender(page, viewportSelector, world),
    async prepareStrokes(shape) {
      await page.getByLabel('Radius (mm)', { exact: true }).fill(String(BRUSH_RADIUS_MM));
      const sphere = page.getByLabel('3D sphere');
      if (shape === 'sphere') await sphere.check();
      else await sphere.uncheck();
      const paint = page.getByRole('button', { name: 'Paint', exact: true });
      if ((await paint.getAttribute('aria-pressed')) !== 'true') await paint.click();
    },
    afterStroke: () => Promise.resolve(null),
    async labelledVoxels() {
      const counts = (await probe(page, 'countsAlong', 2, 1)) as Record<string, number>;
      return Object.values(counts).reduce((s, v) => s + v, 0);
    },
    viewState: () => page.evaluate(readOursView, viewportSelector),
  };
}

// ---- Peer ---------------------------------------------------------------------------------

interface PeerStamp {
  totalMs: number[];
  strategyMs: number[];
  listenerMs: number[];
  labelledAfterUndo: number;
}

function peer(page: Page, fn: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, fnArgs]) => {
      const hooks = (window as unknown as { __peer: Record<string, unknown> }).__peer;
      const f = hooks[name];
      return typeof f === 'function' ? (f as (...a: unknown[]) => unknown)(...fnArgs) : f;
    },
    [fn, args] as const,
  );
}

async function openPeer(
  page: Page,
  url: string,
  viewport: { width: number; height: number },
): Promise<Side> {
  const notes: string[] = [];
  const viewportSelector = '#viewport';
  const loadStart = performance.now();
  await page.goto(`${url}/?w=${viewport.width}&h=${viewport.height}`);
  await page.waitForFunction(
    () => {
      const hooks = (window as unknown as { __peer?: { ready(): boolean } }).__peer;
      const status = document.getElementById('status')?.textContent ?? '';
      return hooks?.ready() === true || status.startsWith('failed');
    },
    undefined,
    { timeout: 120_000 },
  );
  const status = (await page.locator('#status').textContent()) ?? '';
  if (status.startsWith('failed')) throw new Error(`peer page: ${status}`);
  const loadMs = performance.now() - loadStart;
  if ((await peer(page, 'cpuFallback')) === true)
    throw new Error('peer: cornerstone fell back to CPU rendering (no WebGL)');
  const { mmPerPixel } = (await peer(page, 'geometry')) as { mmPerPixel: number };

  return {
    name: 'peer',
    page,
    viewportSelector,
    switchLabels: ['Brush', 'Window/Level', 'Pan', 'Brush', 'Window/Level', 'Pan'],
    keySwitches: [
      { key: 'b', label: 'Brush', effect: 'paint', path: 'open' },
      { key: 'w', label: 'Window/Level', effect: 'window', path: 'drag' },
      { key: 'p', label: 'Pan', effect: 'pan', path: 'drag' },
    ],
    statsSelector: null,
    loadMs,
    mmPerPixel,
    notes,
    async stamp(c) {
      const r = (await peer(page, 'stampCpu', {
        radiusMm: c.radiusMm,
        sphere: c.sphere,
        samples: SAMPLES,
      })) as PeerStamp;
      if (r.labelledAfterUndo !== 0)
        notes.push(`${c.label}: ${r.labelledAfterUndo} voxels left after undo`);
      const mean = r.totalMs.reduce((s, t) => s + t, 0) / Math.max(1, r.totalMs.length);
      return {
        label: c.label,
        total: { ...summarise(r.totalMs), meanMs: Number(mean.toFixed(4)) },
        strategy: summarise(r.strategyMs),
        listeners: summarise(r.listenerMs),
        samplesMs: rounded(r.totalMs),
      };
    },
    renderOnce: () => timeRender(page, viewportSelector, null),
    async prepareStrokes(shape) {
      await peer(
        page,
        'setBrush',
        shape === 'sphere' ? 'FILL_INSIDE_SPHERE' : 'FILL_INSIDE_CIRCLE',
        BRUSH_RADIUS_MM,
      );
      if ((await peer(page, 'activeTool')) !== 'Brush')
        await page.locator('button[data-tool="Brush"]').click();
      await peer(page, 'takeFillLog');
    },
    async afterStroke() {
      const log = (await peer(page, 'takeFillLog')) as {
        fills: Array<{ strategyMs: number }>;
        drags: number[];
      };
      return { fills: log.fills.map((f) => f.strategyMs), drags: log.drags };
    },
    labelledVoxels: async () => (await peer(page, 'labelledVoxels')) as number,
    viewState: async () => (await peer(page, 'viewState')) as ViewSnapshot,
  };
}

// ---- Interleaved measurements -------------------------------------------------------------

/** Runs `work` on both sides, alternating which goes first. */
async function both<T>(
  sides: readonly [Side, Side],
  turn: number,
  work: (side: Side) => Promise<T>,
): Promise<Record<SideName, T>> {
  const order = turn % 2 === 0 ? sides : ([sides[1], sides[0]] as const);
  const out = {} as Record<SideName, T>;
  for (const side of order) {
    await side.page.bringToFront();
    out[side.name] = await work(side);
  }
  return out;
}

function switchSummary(records: SwitchRecord[], labels: string[]): SwitchResult {
  const all = (pick: (r: SwitchRecord) => Record<string, number[]>) =>
    records.flatMap((r) => Object.values(pick(r)).flat());
  const perTool: Record<string, Summary & { renders: number | null }> = {};
  for (const label of new Set(labels)) {
    perTool[label] = {
      ...summarise(records.flatMap((r) => r.toSecondFrameMs[label] ?? [])),
      renders: summarise(records.flatMap((r) => r.renders[label] ?? [])).medianMs,
    };
  }
  const toSecondFrame = summarise(all((r) => r.toSecondFrameMs));
  return {
    toSecondFrame,
    sync: summarise(all((r) => r.syncMs)),
    floor: summarise(records.flatMap((r) => r.floorMs)),
    rendersPerSwitch: summarise(all((r) => r.renders)),
    perTool,
    switches: toSecondFrame.n,
  };
}

async function measureSwitching(
  sides: readonly [Side, Side],
): Promise<Record<SideName, SwitchResult>> {
  const records: Record<SideName, SwitchRecord[]> = { ours: [], peer: [] };
  const spent: Record<SideName, number> = { ours: 0, peer: 0 };
  for (let round = 0; round < SWITCH_ROUNDS; round++) {
    const out = await both(sides, round, async (side) => {
      const started = performance.now();
      const record = await side.page.evaluate(switchTools, {
        labels: side.switchLabels,
        rounds: 1,
        viewportSelector: side.viewportSelector,
      });
      spent[side.name] += performance.now() - started;
      return record;
    });
    records.ours.push(out.ours);
    records.peer.push(out.peer);
    if (round >= 2 && Math.max(spent.ours, spent.peer) > SWITCH_BUDGET_MS) break;
  }
  return {
    ours: switchSummary(records.ours, sides[0].switchLabels),
    peer: switchSummary(records.peer, sides[1].switchLabels),
  };
}

/** Viewport fractions of the drag after a key switch; shifted on every pass through the tools
 * so that paint lands on new voxels, viewing drags alternate direction so the view stays in
 * bounds. */
function dragPath(kind: PathKind, pass: number): Array<[number, number]> {
  const y = 0.2 + 0.06 * (pass % 9);
  const s = pass % 2 === 0 ? 1 : -1;
  const a: [number, number] = [0.3, y];
  const b: [number, number] = [0.42, y];
  const c: [number, number] = [0.36, y + 0.1];
  switch (kind) {
    case 'open':
      return [a, b, c];
    case 'closed':
      return [a, b, c, a];
    case 'line':
      return [a, b];
    case 'drag':
      return [
        [0.5, 0.5],
        [0.5 + 0.06 * s, 0.5 + 0.04 * s],
      ];
    case 'vertical':
      return [
        [0.5, 0.5],
        [0.5, 0.5 - 0.06 * s],
      ];
  }
}

/** Did the drag change what `effect` changes, and nothing a different tool would? */
function effectSeen(effect: Effect, before: ViewSnapshot, after: ViewSnapshot): boolean {
  const moved = before.centre.some((v, i) => Math.abs(v - (after.centre[i] ?? NaN)) > 1e-6);
  const zoomed = Math.abs(after.scale - before.scale) > 1e-6 * Math.max(1, before.scale);
  const windowed = after.window !== before.window;
  const painted = after.voxels !== before.voxels;
  switch (effect) {
    case 'paint':
      return after.voxels > before.voxels && !windowed && !moved && !zoomed;
    case 'erase':
      return after.voxels < before.voxels && !windowed && !moved && !zoomed;
    case 'window':
      return windowed && !moved && !zoomed && !painted;
    case 'pan':
      return moved && !zoomed && !windowed && !painted;
    case 'zoom':
      return zoomed && !windowed && !painted;
  }
}

/**
 * One switch by real input: the pointer rests on the viewport, a key press chooses the tool,
 * the left button goes down at once and drags. The probe times key → button pressed and key →
 * pointerdown handled; the view before and after the drag tells which tool handled it.
 */
async function keySwitch(
  side: Side,
  item: KeySwitch,
  pass: number,
): Promise<{ record: KeySwitchRecord; ok: boolean }> {
  const { page, viewportSelector } = side;
  const box = await page.locator(viewportSelector).boundingBox();
  if (!box) throw new Error(`no ${viewportSelector}`);
  const at = ([fx, fy]: [number, number]) => [box.x + box.width * fx, box.y + box.height * fy];
  const [first, ...rest] = dragPath(item.path, pass).map(at);
  if (!first) throw new Error('empty drag');
  // Keys go to the page, not to a focused field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(first[0]!, first[1]!);
  await page.evaluate(renderQuiet, { viewportSelector, quietMs: 300 });
  const before = await side.viewState();
  await page.evaluate(installKeySwitchProbe, { viewportSelector, buttonLabel: item.label });
  await page.keyboard.press(item.key);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(p[0]!, p[1]!, { steps: 2 });
  await page.mouse.up();
  await page.evaluate(renderQuiet, { viewportSelector, quietMs: 300 });
  await twoFrames(page);
  const record = await page.evaluate(collectKeySwitch);
  const after = await side.viewState();
  return { record, ok: effectSeen(item.effect, before, after) };
}

async function measureKeySwitching(
  sides: readonly [Side, Side],
): Promise<Record<SideName, KeySwitchResult>> {
  const records: Record<SideName, Array<{ key: string; record: KeySwitchRecord }>> = {
    ours: [],
    peer: [],
  };
  const wrong: Record<SideName, string[]> = { ours: [], peer: [] };
  let turn = 0;
  for (let round = 0; round < KEY_ROUNDS; round++) {
    // The peer has three tools: it cycles twice per round, as in the click series.
    for (let i = 0; i < 6; i++) {
      await both(sides, turn++, async (side) => {
        const tools = side.keySwitches.length;
        const item = side.keySwitches[i % tools];
        if (!item) return;
        const pass = round * Math.ceil(6 / tools) + Math.floor(i / tools);
        const { record, ok } = await keySwitch(side, item, pass);
        records[side.name].push({ key: item.label, record });
        if (!ok) wrong[side.name].push(`round ${round}: ${item.label}`);
      });
    }
  }
  const result = (name: SideName): KeySwitchResult => {
    const list = records[name];
    const pick = (f: (r: KeySwitchRecord) => number | null) =>
      summarise(list.map((x) => f(x.record)));
    const perKey: Record<string, Summary & { renders: number | null }> = {};
    for (const key of new Set(list.map((x) => x.key))) {
      const mine = list.filter((x) => x.key === key).map((x) => x.record);
      perKey[key] = {
        ...summarise(mine.map((r) => r.pointerMs)),
        renders: summarise(mine.map((r) => r.renders)).medianMs,
      };
    }
    return {
      pressed: pick((r) => r.pressedMs),
      pressedFrame: pick((r) => r.pressedFrameMs),
      pointer: pick((r) => r.pointerMs),
      pointerWait: pick((r) => r.pointerWaitMs),
      renders: pick((r) => r.renders),
      perKey,
      switches: list.length,
      handledByNewTool: list.length - wrong[name].length,
      wrongTool: wrong[name],
    };
  };
  return { ours: result('ours'), peer: result('peer') };
}

function strokeResult(
  shape: Shape,
  records: LatencyRecord[],
  logs: Array<{ fills: number[]; drags: number[] } | null>,
): StrokeResult {
  const moves = records.flatMap((r) => r.moves);
  const peerLogs = logs.filter((l): l is { fills: number[]; drags: number[] } => l !== null);
  const result: StrokeResult = {
    shape,
    painted: summarise(moves.map((m) => m.paintedMs)),
    nextRender: summarise(moves.map((m) => m.nextRenderMs)),
    paintedAtRender: summarise(moves.map((m) => m.paintedAtRender)),
    missedPaint: moves.filter((m) => m.paintedMs === null).length,
    paintedLate: moves.filter((m) => (m.paintedAtRender ?? 0) > 1).length,
    moves: moves.length,
    mouseEvents: moves.reduce((s, m) => s + m.coalesced, 0),
    renders: records.reduce((s, r) => s + r.renders, 0),
    paintRenders: records.reduce((s, r) => s + r.paintRenders, 0),
    paintedMsPerStroke: records.map((r) =>
      r.moves.map((m) => (m.paintedMs === null ? null : Number(m.paintedMs.toFixed(1)))),
    ),
    perMoveHandler:
      peerLogs.length > 0
        ? summarise(peerLogs.flatMap((l) => l.drags))
        : summarise(moves.map((m) => m.handlerMs)),
  };
  return peerLogs.length > 0
    ? { ...result, perMoveFill: summarise(peerLogs.flatMap((l) => l.fills)) }
    : { ...result, statsUpdate: summarise(records.map((r) => r.statsUpdateMs)) };
}

async function measure(
  sides: readonly [Side, Side],
  viewport: { width: number; height: number },
  log: (phase: string) => void,
): Promise<Record<SideName, SideResult>> {
  const renders: Record<SideName, number[]> = { ours: [], peer: [] };
  for (let rep = 0; rep < RENDER_REPS; rep++) {
    const out = await both(sides, rep, (side) => side.renderOnce());
    renders.ours.push(out.ours);
    renders.peer.push(out.peer);
  }
  log('render');

  // Untimed warm-up of every case (JIT, first allocations), then the timed passes.
  for (const c of STAMP_CASES) await both(sides, 0, (side) => side.stamp(c));
  const stamps: Record<SideName, StampResult[]> = { ours: [], peer: [] };
  for (const [n, c] of STAMP_CASES.entries()) {
    const out = await both(sides, n, (side) => side.stamp(c));
    if (out.ours) stamps.ours.push(out.ours);
    if (out.peer) stamps.peer.push(out.peer);
  }
  log('stamps');

  const switchEmpty = await measureSwitching(sides);
  log('switching (empty)');

  const rows = [0.3, 0.42, 0.58, 0.7].map((f) => Math.round(viewport.height * f));
  const strokes: Record<SideName, StrokeResult[]> = { ours: [], peer: [] };
  let turn = 0;
  for (const [shapeIndex, shape] of (['circle', 'sphere'] as const).entries()) {
    await both(sides, 0, (side) => side.prepareStrokes(shape));
    const records: Record<SideName, LatencyRecord[]> = { ours: [], peer: [] };
    const logs: Record<SideName, Array<{ fills: number[]; drags: number[] } | null>> = {
      ours: [],
      peer: [],
    };
    for (let s = 0; s < STROKES_PER_SHAPE; s++) {
      const y = rows[shapeIndex * STROKES_PER_SHAPE + s] ?? 100;
      const out = await both(sides, turn++, async (side) => {
        const record = await stroke(side, { x: Math.round(viewport.width * 0.15), y });
        return { record, log: await side.afterStroke() };
      });
      for (const name of ['ours', 'peer'] as const) {
        records[name].push(out[name].record);
        logs[name].push(out[name].log);
      }
    }
    for (const name of ['ours', 'peer'] as const)
      strokes[name].push(strokeResult(shape, records[name], logs[name]));
  }
  log('strokes');

  const labelled = await both(sides, 0, (side) => side.labelledVoxels());
  const switchPainted = await measureSwitching(sides);
  log('switching (painted)');

  // Last: its checking drags paint, pan, zoom and change the window of both views.
  const keySwitch = await measureKeySwitching(sides);
  log('switching by key');

  await sides[1].page.bringToFront();
  let timer: NodeJS.Timeout | undefined;
  const statistics = (await Promise.race([
    peer(sides[1].page, 'statistics'),
    new Promise((resolve) => {
      timer = setTimeout(
        () => resolve({ ms: 60_000, ok: false, detail: 'timed out after 60 s' }),
        60_000,
      );
    }),
  ])) as { ms: number; ok: boolean; detail: string };
  clearTimeout(timer);
  log('peer statistics');

  const result = (side: Side): SideResult => ({
    loadMs: Math.round(side.loadMs),
    mmPerPixel: Number(side.mmPerPixel.toFixed(4)),
    render: summarise(renders[side.name]),
    stamps: stamps[side.name],
    strokes: strokes[side.name],
    switchEmpty: switchEmpty[side.name],
    switchPainted: switchPainted[side.name],
    keySwitch: keySwitch[side.name],
    labelledVoxelsAfterStrokes: labelled[side.name],
    ...(side.name === 'peer' ? { statistics } : {}),
    notes: side.notes,
  });
  return { ours: result(sides[0]), peer: result(sides[1]) };
}

// ---- Report -------------------------------------------------------------------------------

interface Row {
  readonly label: string;
  readonly ours?: Summary | undefined;
  readonly peer?: Summary | undefined;
  readonly digits?: number;
}

/** A row showing means (in the median columns): stamp times are near the 0.1 ms timer step. */
function meanRow(label: string, ours?: StampResult, peerStamp?: StampResult): Row {
  const asSummary = (s?: StampResult): Summary | undefined =>
    s && { ...summarise([]), n: s.total.n, medianMs: s.total.meanMs };
  return { label, ours: asSummary(ours), peer: asSummary(peerStamp), digits: 3 };
}

function tableRows(ours: SideResult, peerResult: SideResult): Row[] {
  const rows: Row[] = [];
  for (const c of STAMP_CASES) {
    const o = ours.stamps.find((s) => s.label === c.label);
    const p = peerResult.stamps.find((s) => s.label === c.label);
    rows.push({ label: `stamp CPU, ${c.label}`, ours: o?.total, peer: p?.total });
    rows.push(meanRow('  mean (in the median columns)', o, p));
    rows.push({ label: '  peer: applyActiveStrategy only', peer: p?.strategy });
  }
  for (const shape of ['circle', 'sphere'] as const) {
    const o = ours.strokes.find((s) => s.shape === shape);
    const p = peerResult.strokes.find((s) => s.shape === shape);
    rows.push({
      label: `stroke ${shape}: move → render with its paint`,
      ours: o?.painted,
      peer: p?.painted,
    });
    rows.push({
      label: `stroke ${shape}: move → next render`,
      ours: o?.nextRender,
      peer: p?.nextRender,
    });
    rows.push({
      label: `stroke ${shape}: renders until paint shows`,
      ours: o?.paintedAtRender,
      peer: p?.paintedAtRender,
      digits: 0,
    });
    rows.push({
      label: `stroke ${shape}: per-move handler CPU`,
      ours: o?.perMoveHandler,
      peer: p?.perMoveHandler,
    });
    rows.push({ label: '  peer: fill per move (strategy)', peer: p?.perMoveFill });
    rows.push({ label: '  ours: pointerup → volume shown', ours: o?.statsUpdate });
  }
  rows.push({
    label: 'one viewport render (same plane)',
    ours: ours.render,
    peer: peerResult.render,
  });
  for (const [label, key] of [
    ['tool switch, empty labelmap', 'switchEmpty'],
    ['tool switch, painted labelmap', 'switchPainted'],
  ] as const) {
    rows.push({ label, ours: ours[key].toSecondFrame, peer: peerResult[key].toSecondFrame });
    rows.push({
      label: '  click handler (sync part)',
      ours: ours[key].sync,
      peer: peerResult[key].sync,
    });
    rows.push({
      label: '  viewport renders per switch',
      ours: ours[key].rendersPerSwitch,
      peer: peerResult[key].rendersPerSwitch,
      digits: 0,
    });
  }
  rows.push({
    label: '  frame floor (2 rAF, no click)',
    ours: ours.switchPainted.floor,
    peer: peerResult.switchPainted.floor,
  });
  const keyRows: Array<[string, keyof KeySwitchResult, number?]> = [
    ['tool switch by key: key → button pressed (DOM)', 'pressed'],
    ['  key → first frame showing it', 'pressedFrame'],
    ['  key → next pointerdown handled', 'pointer'],
    ['  that pointerdown: queued → handled', 'pointerWait'],
    ['  viewport renders before it', 'renders', 0],
  ];
  for (const [label, key, digits] of keyRows)
    rows.push({
      label,
      ours: ours.keySwitch[key] as Summary,
      peer: peerResult.keySwitch[key] as Summary,
      ...(digits === undefined ? {} : { digits }),
    });
  return rows;
}

function formatRows(rows: Row[]): string[][] {
  return [
    ['ms', 'ours med', 'ours p95', 'peer med', 'peer p95', 'ours/peer med', 'ours/peer p95'],
    ...rows.map((r) => {
      const o = r.ours;
      const p = r.peer;
      const d = r.digits ?? 2;
      return [
        r.label,
        o ? fmt(o.medianMs, d) : '',
        o ? fmt(o.p95Ms, d) : '',
        p ? fmt(p.medianMs, d) : '',
        p ? fmt(p.p95Ms, d) : '',
        o && p ? fmt(ratio(o.medianMs, p.medianMs), 3) : '',
        o && p ? fmt(ratio(o.p95Ms, p.p95Ms), 3) : '',
      ];
    }),
  ];
}

export async function run(): Promise<object> {
  const machine = {
    ...machineInfo(),
    chromium: chromiumVersion(),
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  const started = performance.now();
  const phases: Record<string, number> = {};
  let last = started;
  const log = (phase: string): void => {
    const now = performance.now();
    phases[phase] = Math.round(now - last);
    last = now;
    console.log(`editor: ${phase} ${((phases[phase] ?? 0) / 1000).toFixed(1)} s`);
  };
  const ct = prepareCt();
  log('CT series + peer volume');
  const app = await serveApp();
  const peerServer = await servePeer(ct.peerDataDir);
  log('builds');
  const session = await launchChromium();
  const peerPage = await session.context.newPage();
  peerPage.on('console', (m) => {
    if (m.type() === 'error') session.problems.push(`peer console: ${m.text()}`);
  });
  peerPage.on('pageerror', (e) => session.problems.push(`peer pageerror: ${e.message}`));
  let results: Record<SideName, SideResult>;
  let viewport: { width: number; height: number };
  try {
    // tsx wraps named functions in a `__name` helper that page.evaluate does not carry along.
    for (const page of [session.page, peerPage])
      await page.addInitScript('window.__name = (f) => f;');
    const ours = await openOurs(session.page, app.url, ct);
    const box = await session.page.locator(ours.viewportSelector).boundingBox();
    viewport = { width: Math.round(box?.width ?? 900), height: Math.round(box?.height ?? 800) };
    const theirs = await openPeer(peerPage, peerServer.url, viewport);
    log('pages loaded');
    results = await measure([ours, theirs], viewport, log);
  } finally {
    await session.close();
    await app.close();
    await peerServer.close();
    ct.dispose();
  }
  const machineAfter = { loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) };
  const problems = [...session.problems];
  const { ours, peer: theirs } = results;

  console.log(
    `\neditor — ${CT_SIZE.columns}×${CT_SIZE.rows}×${CT_SIZE.slices} CT; ${machine.cores} cores "${machine.cpuModel}", ` +
      `${machine.node}, ${machine.chromium}; load ${machine.loadAverageAtStart.join(' ')} → ${machineAfter.loadAverageAtEnd.join(' ')}`,
  );
  console.log(
    `viewport ${viewport.width}×${viewport.height} CSS px on both sides (ours ${fmt(ours.mmPerPixel, 3)}, peer ${fmt(theirs.mmPerPixel, 3)} mm/px); ` +
      `strokes: brush r=${BRUSH_RADIUS_MM} mm, ${STROKES_PER_SHAPE}×${STROKE.moves} moves of ${STROKE.stepPx} px at 60 Hz per shape`,
  );
  const rows = tableRows(ours, theirs);
  console.log(formatTable(formatRows(rows)));
  for (const [label, side] of [
    ['ours', ours],
    ['peer', theirs],
  ] as const) {
    for (const s of side.strokes) {
      console.log(
        `${label} ${s.shape}: ${s.moves} pointermoves (${s.mouseEvents} mouse events), ${s.renders} renders (${s.paintRenders} with new paint); ` +
          `paint shown by a later render than the next one for ${s.paintedLate} moves, never seen for ${s.missedPaint}`,
      );
    }
    console.log(
      `${label}: labelled voxels after the strokes ${side.labelledVoxelsAfterStrokes}; page load ${fmt(side.loadMs / 1000, 1)} s`,
    );
    for (const note of side.notes) console.log(`${label}: ${note}`);
  }
  for (const [label, side] of [
    ['ours', ours],
    ['peer', theirs],
  ] as const) {
    for (const key of ['switchEmpty', 'switchPainted'] as const) {
      const parts = Object.entries(side[key].perTool).map(
        ([tool, s]) => `→${tool} ${fmt(s.medianMs, 0)} ms/${fmt(s.renders, 0)} render`,
      );
      console.log(`${label} ${key} (median per target tool): ${parts.join(', ')}`);
    }
  }
  for (const [label, side] of [
    ['ours', ours],
    ['peer', theirs],
  ] as const) {
    const k = side.keySwitch;
    const parts = Object.entries(k.perKey).map(
      ([key, s]) => `→${key} ${fmt(s.medianMs, 0)} ms/${fmt(s.renders, 0)} render`,
    );
    console.log(`${label} key switch → next pointerdown (median per tool): ${parts.join(', ')}`);
    console.log(
      `${label}: the drag after a key switch was handled by the new tool in ${k.handledByNewTool} of ${k.switches}` +
        (k.wrongTool.length ? ` (not: ${k.wrongTool.join('; ')})` : ''),
    );
  }
  if (theirs.statistics)
    console.log(
      `peer getStatistics (segment 1, after the strokes): ${fmt(theirs.statistics.ms, 1)} ms, ok=${theirs.statistics.ok}`,
    );
  if (problems.length) console.log(`page problems: ${problems.join(' | ')}`);

  return {
    machine: { ...machine, ...machineAfter },
    setup: {
      ct: CT_SIZE,
      viewport,
      samples: SAMPLES,
      switchRounds: SWITCH_ROUNDS,
      stroke: { ...STROKE, radiusMm: BRUSH_RADIUS_MM, strokesPerShape: STROKES_PER_SHAPE },
      phasesMs: phases,
    },
    ours,
    peer: theirs,
    ratios: rows
      .filter((r) => r.ours && r.peer)
      .map((r) => ({
        row: r.label.trim(),
        median: ratio(r.ours?.medianMs ?? null, r.peer?.medianMs ?? null),
        p95: ratio(r.ours?.p95Ms ?? null, r.peer?.p95Ms ?? null),
      })),
    problems,
  };
}
