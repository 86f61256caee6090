/**
 * Time to first image and to the full 512×512×300 CT volume from a PACS (a real Orthanc with
 * its DICOMweb plugin, through the page server's /dicom-web proxy) next to the same files
 * loaded as local files, in one headless Chromium page (WebGL, bench/pacsLoad/page):
 *
 *  - PACS: QIDO-RS series search → WADO-RS retrieveSeries (streamed multipart) → ingest worker
 *    → assemble → DisplayVolume → viewport controller (cornerstone volume viewport, rendered);
 *  - local: the 300 files picked in a file input (disk-backed File objects) → the same.
 *
 * First image = the first instance available decoded and drawn on a 2D canvas. The two sources
 * alternate (PACS first on even rounds, local first on odd ones), after one untimed load each.
 * Orthanc, the page server, Chromium and the temp folders are removed at the end, also on
 * failure or Ctrl-C.
 *
 *   npx tsx bench/run.ts pacs-load   (env: BENCH_PACS_REPS=7)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  canvasStats,
  launchChromium,
  type BrowserSession,
} from '../test/browser/launchChromium.ts';
import { startOrthanc, uploadFiles, type OrthancServer } from '../test/support/orthanc.ts';
import { formatTable, machineInfo } from './measure.ts';
import { createCleanup } from './pacsLoad/cleanup.ts';
import type { LoadSource, LoadTiming, PacsLoadPageApi } from './pacsLoad/pageApi.ts';
import { buildAndServePage, type ServedPage } from './pacsLoad/servePage.ts';
import { COLUMNS, ROWS, SLICES, writeBenchSeries, type WrittenSeries } from './pacsLoad/series.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const name = 'pacs-load';

const REPS = Math.max(5, Number(process.env['BENCH_PACS_REPS'] ?? 7));

/** The timed phases, in the order they complete. */
const PHASES = [
  ['queryMs', 'QIDO-RS series search answered'],
  ['firstInstanceMs', 'first instance in hand'],
  ['firstDrawnMs', 'first instance decoded + drawn'],
  ['firstImageMs', 'TIME TO FIRST IMAGE (next frame)'],
  ['allInstancesMs', 'all 300 instances in hand'],
  ['ingestedMs', 'ingest (headers parsed) done'],
  ['volumeMs', 'TIME TO FULL VOLUME (assembled)'],
  ['renderedMs', '  … and rendered (WebGL viewport)'],
] as const satisfies ReadonlyArray<readonly [keyof LoadTiming, string]>;
type Phase = (typeof PHASES)[number][0];

interface Summary {
  readonly n: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

function summarise(samples: readonly number[]): Summary {
  const sorted = samples.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1] ?? NaN;
  return {
    n: sorted.length,
    medianMs: rank(0.5),
    p95Ms: rank(0.95),
    minMs: sorted[0] ?? NaN,
    maxMs: sorted.at(-1) ?? NaN,
  };
}

const fmt = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(ms < 100 ? 1 : 0) : '—');

async function orthancVersions(
  orthanc: OrthancServer,
): Promise<{ orthanc: string; dicomWeb: string }> {
  const system = (await (await fetch(`${orthanc.url}/system`)).json()) as { Version?: string };
  let dicomWeb = '?';
  try {
    const plugin = (await (await fetch(`${orthanc.url}/plugins/dicom-web`)).json()) as {
      Version?: string;
    };
    dicomWeb = plugin.Version ?? '?';
  } catch {
    // Older Orthanc: no plugin description.
  }
  return { orthanc: system.Version ?? '?', dicomWeb };
}

/**
 * Reference without the browser: the whole WADO-RS answer (the same Accept as the client)
 * read by Node's fetch, and how many bytes it was. Tells Orthanc's own serving time apart
 * from the page server's proxy hop and the page's parsing.
 */
async function readWadoRs(
  baseUrl: string,
  series: WrittenSeries,
): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(
    `${baseUrl}/studies/${series.studyInstanceUid}/series/${series.seriesInstanceUid}`,
    { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } },
  );
  if (!response.ok || !response.body)
    throw new Error(`WADO-RS from ${baseUrl}: HTTP ${response.status}`);
  let bytes = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read())
    bytes += read.value.byteLength;
  return { ms: performance.now() - started, bytes };
}

async function openPage(session: BrowserSession, served: ServedPage, series: WrittenSeries) {
  const { page } = session;
  // tsx wraps named functions in a `__name` helper that page.evaluate does not carry along.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(served.url);
  await page.waitForFunction(
    () => {
      const api = (window as unknown as { __pacsLoad?: PacsLoadPageApi }).__pacsLoad;
      return api?.ready() ?? api?.failure();
    },
    undefined,
    { timeout: 120_000 },
  );
  const state = await page.evaluate(() => {
    const api = (window as unknown as { __pacsLoad: PacsLoadPageApi }).__pacsLoad;
    return { ready: api.ready(), failure: api.failure() };
  });
  if (!state.ready) throw new Error(`pacs-load page: ${state.failure ?? 'not ready'}`);
  if (state.ready.cpuFallback)
    throw new Error('pacs-load page: cornerstone fell back to CPU rendering (no WebGL)');
  // Picked once: Playwright hands a local Chromium the paths, so these are disk-backed Files.
  await page.setInputFiles('#files', [...series.files]);
  const picked = await page.evaluate(() =>
    (window as unknown as { __pacsLoad: PacsLoadPageApi }).__pacsLoad.pickedFiles(),
  );
  if (picked !== SLICES) throw new Error(`pacs-load page: ${picked} files picked, not ${SLICES}`);
}

async function loadOnce(
  session: BrowserSession,
  source: LoadSource,
  series: WrittenSeries,
): Promise<LoadTiming & { firstLit: number; viewLumaStd: number }> {
  const { page } = session;
  const timing = await page.evaluate(
    ([s, uids]) => (window as unknown as { __pacsLoad: PacsLoadPageApi }).__pacsLoad.load(s, uids),
    [
      source,
      { studyInstanceUid: series.studyInstanceUid, seriesInstanceUid: series.seriesInstanceUid },
    ] as const,
  );
  // Untimed checks that something was drawn: the first image and the volume viewport.
  const first = await canvasStats(page, 'first-image');
  const view = await canvasStats(page, 'volume-view');
  await page.evaluate(() =>
    (window as unknown as { __pacsLoad: PacsLoadPageApi }).__pacsLoad.clear(),
  );
  const problems: string[] = [];
  if (timing.instances !== SLICES) problems.push(`${timing.instances} instances`);
  if (timing.volume.dimensions.join('×') !== `${COLUMNS}×${ROWS}×${SLICES}`)
    problems.push(`volume ${timing.volume.dimensions.join('×')}`);
  if (timing.volume.checksum !== series.huSum)
    problems.push(`voxel sum ${timing.volume.checksum} ≠ ${series.huSum} from the files`);
  const expectedLit = series.litFractionByInstance.get(timing.firstInstanceNumber ?? -1);
  if (expectedLit === undefined || Math.abs(first.litFraction - expectedLit) > 0.01)
    problems.push(
      `first image (instance ${timing.firstInstanceNumber}) shows ${first.litFraction.toFixed(3)} lit, the file ${expectedLit?.toFixed(3)}`,
    );
  if (view.lumaStd < 1) problems.push('volume viewport is blank');
  if (problems.length) throw new Error(`pacs-load: ${source} load wrong: ${problems.join('; ')}`);
  return { ...timing, firstLit: first.litFraction, viewLumaStd: view.lumaStd };
}

export async function run(): Promise<object> {
  const machine = { ...machineInfo(), loadAverageAtStart: os.loadavg().map((l) => +l.toFixed(2)) };
  const cleanup = createCleanup('pacs-load');
  const removeSync = (dir: string) => () =>
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  try {
    const series = writeBenchSeries();
    cleanup.add('series folder', removeSync(series.dir), removeSync(series.dir));
    console.log(
      `pacs-load: series ${COLUMNS}×${ROWS}×${SLICES}, ${(series.bytes / 1e6).toFixed(1)} MB in ${series.files.length} files, ` +
        `transfer syntax ${series.transferSyntaxUid}, generated in ${fmt(series.generateMs)} ms; dciodvfy passed on ${series.dciodvfy.checked} files`,
    );

    const orthanc = await startOrthanc();
    cleanup.add(
      'Orthanc',
      () => orthanc.stop(),
      () => {
        try {
          process.kill(orthanc.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        removeSync(orthanc.dir)();
      },
    );
    const versions = await orthancVersions(orthanc);
    const started = performance.now();
    const upload = await uploadFiles(orthanc.url, series.files);
    const uploadMs = performance.now() - started;
    if (upload.instances !== SLICES)
      throw new Error(`Orthanc stored ${upload.instances} instances`);
    console.log(
      `pacs-load: Orthanc ${versions.orthanc} (DICOMweb plugin ${versions.dicomWeb}) on ${orthanc.url}; upload ${fmt(uploadMs)} ms`,
    );

    const savedTarget = process.env['LIVER_REVIEW_PACS_URL'];
    process.env['LIVER_REVIEW_PACS_URL'] = orthanc.url;
    let served: ServedPage;
    try {
      served = await buildAndServePage(path.join(here, 'pacsLoad/page/vite.config.ts'));
    } finally {
      if (savedTarget === undefined) delete process.env['LIVER_REVIEW_PACS_URL'];
      else process.env['LIVER_REVIEW_PACS_URL'] = savedTarget;
    }
    cleanup.add('page server', () => served.close(), removeSync(served.outDir));
    const session = await launchChromium({ extraArgs: ['--js-flags=--expose-gc'] });
    // On exit Playwright kills the browser itself; its profile folder is left to us.
    cleanup.add('Chromium', () => session.close(), removeSync(session.userDataDir));
    await openPage(session, served, series);

    // Untimed warm-up: JIT, the codecs and wasm, Orthanc's and the OS's caches.
    for (const source of ['pacs', 'local'] as const) await loadOnce(session, source, series);
    const samples: Record<LoadSource, LoadTiming[]> = { pacs: [], local: [] };
    const reference = {
      direct: [] as number[],
      proxied: [] as number[],
      inPage: [] as number[],
      bodyBytes: 0,
    };
    const uids = {
      studyInstanceUid: series.studyInstanceUid,
      seriesInstanceUid: series.seriesInstanceUid,
    };
    for (let r = 0; r < REPS; r++) {
      const order: LoadSource[] = r % 2 === 0 ? ['pacs', 'local'] : ['local', 'pacs'];
      for (const source of order) samples[source].push(await loadOnce(session, source, series));
      const direct = await readWadoRs(orthanc.dicomWebUrl, series);
      const proxied = await readWadoRs(`${served.url}/dicom-web`, series);
      reference.direct.push(direct.ms);
      reference.proxied.push(proxied.ms);
      reference.bodyBytes = direct.bytes;
      const inPage = await session.page.evaluate(
        (u) => (window as unknown as { __pacsLoad: PacsLoadPageApi }).__pacsLoad.readRaw(u),
        uids,
      );
      if (inPage.bytes !== direct.bytes || proxied.bytes !== direct.bytes)
        throw new Error(
          `WADO-RS answers differ: ${direct.bytes}, ${proxied.bytes}, ${inPage.bytes} bytes`,
        );
      reference.inPage.push(inPage.ms);
      const p = samples.pacs.at(-1);
      const l = samples.local.at(-1);
      console.log(
        `pacs-load: round ${r + 1}/${REPS}: first image PACS ${fmt(p?.firstImageMs ?? NaN)} / local ${fmt(l?.firstImageMs ?? NaN)} ms; ` +
          `full volume PACS ${fmt(p?.volumeMs ?? NaN)} / local ${fmt(l?.volumeMs ?? NaN)} ms`,
      );
    }
    const machineAfter = { loadAverageAtEnd: os.loadavg().map((l) => +l.toFixed(2)) };

    const summaries = Object.fromEntries(
      (['pacs', 'local'] as const).map((source) => [
        source,
        Object.fromEntries(
          PHASES.map(([phase]) => [
            phase,
            summarise(samples[source].map((t) => (t[phase] as number | null) ?? NaN)),
          ]),
        ) as Record<Phase, Summary>,
      ]),
    ) as Record<LoadSource, Record<Phase, Summary>>;
    const mb = series.bytes / 1e6;
    const throughput = (source: LoadSource, phase: Phase): number =>
      mb / (summaries[source][phase].medianMs / 1000);
    const ratio = (phase: Phase): number =>
      summaries.pacs[phase].medianMs / summaries.local[phase].medianMs;

    const rows = [
      ['ms from the start of the load', 'PACS median', 'p95', 'local median', 'p95', 'PACS/local'],
      ...PHASES.map(([phase, label]) => [
        label,
        fmt(summaries.pacs[phase].medianMs),
        fmt(summaries.pacs[phase].p95Ms),
        fmt(summaries.local[phase].medianMs),
        fmt(summaries.local[phase].p95Ms),
        Number.isFinite(ratio(phase)) ? `${ratio(phase).toFixed(2)}×` : '—',
      ]),
    ];
    const problems = [...session.problems];
    console.log(
      `\npacs-load — ${machine.cores} cores "${machine.cpuModel}", node ${machine.node}; load ${machine.loadAverageAtStart.join(' ')} → ${machineAfter.loadAverageAtEnd.join(' ')}; ` +
        `${REPS} rounds, ${mb.toFixed(1)} MB per load`,
    );
    console.log(formatTable(rows));
    const directSummary = summarise(reference.direct);
    const proxiedSummary = summarise(reference.proxied);
    const inPageSummary = summarise(reference.inPage);
    console.log(
      `reference, WADO-RS answer (${(reference.bodyBytes / 1e6).toFixed(1)} MB) read by Node: direct from Orthanc median ${fmt(directSummary.medianMs)} / p95 ${fmt(directSummary.p95Ms)} ms; ` +
        `through the page server's proxy ${fmt(proxiedSummary.medianMs)} / ${fmt(proxiedSummary.p95Ms)} ms; ` +
        `fetched and read (not parsed) by the page ${fmt(inPageSummary.medianMs)} / ${fmt(inPageSummary.p95Ms)} ms`,
    );
    console.log(
      `throughput (MB of files / median time to full volume): PACS ${throughput('pacs', 'volumeMs').toFixed(0)} MB/s, ` +
        `local ${throughput('local', 'volumeMs').toFixed(0)} MB/s; WADO-RS transfer alone ${throughput('pacs', 'allInstancesMs').toFixed(0)} MB/s`,
    );
    if (problems.length) console.log(`page problems: ${problems.join(' | ')}`);

    return {
      machine: { ...machine, ...machineAfter },
      setup: {
        reps: REPS,
        dimensions: [COLUMNS, ROWS, SLICES],
        files: series.files.length,
        bytes: series.bytes,
        transferSyntaxUid: series.transferSyntaxUid,
        generateMs: series.generateMs,
        dciodvfy: series.dciodvfy,
        orthanc: versions,
        uploadMs,
        buildMs: served.buildMs,
        firstImage:
          'first instance available, decoded with dicom-parser, drawn with putImageData on a 2D canvas, timed at the next animation frame',
        fullVolume:
          'ingest worker assemble() resolved (DisplayVolume in the page); rendered = createViewportController().show() loaded + first IMAGE_RENDERED',
      },
      summaries,
      ratiosPacsOverLocal: Object.fromEntries(PHASES.map(([phase]) => [phase, ratio(phase)])),
      referenceWadoRs: {
        bodyBytes: reference.bodyBytes,
        directFromOrthanc: { ...directSummary, samplesMs: reference.direct },
        throughPageProxy: { ...proxiedSummary, samplesMs: reference.proxied },
        readByThePageNotParsed: { ...inPageSummary, samplesMs: reference.inPage },
      },
      throughputMBps: {
        pacsFullVolume: throughput('pacs', 'volumeMs'),
        localFullVolume: throughput('local', 'volumeMs'),
        pacsTransfer: throughput('pacs', 'allInstancesMs'),
      },
      samples,
      problems,
    };
  } finally {
    await cleanup.run();
    cleanup.detach();
  }
}
