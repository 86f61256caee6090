/**
 * Page of bench/pacs-load.bench.ts: loads one CT series either from the PACS (QIDO-RS series
 * search, then WADO-RS retrieveSeries streaming through the page server's /dicom-web proxy) or
 * from the files picked in the file input (disk-backed File objects, as the app's local-file
 * source hands them over), through the app's own pipeline: ingest worker → assemble →
 * DisplayVolume → viewport controller (cornerstone volume viewport, WebGL).
 *
 * First image: the first instance available (the first part of the WADO-RS answer, or the
 * first picked file) is decoded with dicom-parser, windowed with its own Window Center/Width
 * and drawn with putImageData on a 2D canvas; the time is taken at the next animation frame.
 */
import { cache, Enums as CoreEnums } from '@cornerstonejs/core';
import dicomParser from 'dicom-parser';
import { createIngestClient, type IngestClient } from '../../../src/datasource/createIngestClient';
import { createDicomWebClient } from '../../../src/datasource/dicomweb';
import type { SourceFile } from '../../../src/datasource/types';
import type { PatientSummary } from '../../../src/plugin-api';
import { createViewportController } from '../../../src/viewport/createViewportController';
import type { DisplayVolume } from '../../../src/viewport/displayVolume';
import { initCornerstone } from '../../../src/viewport/initCornerstone';
import { forgetVolumeSlices } from '../../../src/viewport/localImageMetadata';
import type { LoadSource, LoadTiming, PacsLoadPageApi } from '../pageApi';

const status = document.getElementById('status') as HTMLParagraphElement;
const input = document.getElementById('files') as HTMLInputElement;
const firstCanvas = document.getElementById('first') as HTMLCanvasElement;
const viewportElement = document.getElementById('viewport') as HTMLDivElement;

let readyState: { cpuFallback: boolean } | null = null;
let failure: string | null = null;
let controller: ReturnType<typeof createViewportController> | null = null;
let ingest: IngestClient | null = null;
let shown: DisplayVolume | null = null;
let loadCount = 0;

const nextFrame = (): Promise<number> =>
  new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** Decodes one uncompressed Part 10 image, windows it and draws it on the first-image canvas. */
function drawFirst(bytes: Uint8Array): { instanceNumber: number | null } {
  const data = dicomParser.parseDicom(bytes);
  const rows = data.uint16('x00280010') ?? 0;
  const columns = data.uint16('x00280011') ?? 0;
  const pixel = data.elements['x7fe00010'];
  if (!pixel || rows === 0 || columns === 0 || data.uint16('x00280100') !== 16)
    throw new Error('first instance: not a 16-bit uncompressed image');
  const raw = bytes.slice(pixel.dataOffset, pixel.dataOffset + rows * columns * 2).buffer;
  const stored = data.uint16('x00280103') === 1 ? new Int16Array(raw) : new Uint16Array(raw);
  const slope = data.floatString('x00281053') ?? 1;
  const intercept = data.floatString('x00281052') ?? 0;
  const center = data.floatString('x00281050') ?? 40;
  const width = Math.max(1, data.floatString('x00281051') ?? 400);
  const low = center - width / 2;
  firstCanvas.width = columns;
  firstCanvas.height = rows;
  const context = firstCanvas.getContext('2d');
  if (!context) throw new Error('first instance: no 2D canvas');
  const image = context.createImageData(columns, rows);
  const rgba = image.data;
  for (let i = 0; i < stored.length; i++) {
    const value = (stored[i] ?? 0) * slope + intercept;
    const grey = Math.max(0, Math.min(255, ((value - low) / width) * 255));
    rgba[4 * i] = grey;
    rgba[4 * i + 1] = grey;
    rgba[4 * i + 2] = grey;
    rgba[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  const instanceNumber = data.intString('x00200013');
  return { instanceNumber: instanceNumber ?? null };
}

function findSeriesId(patients: readonly PatientSummary[], seriesInstanceUid: string): string {
  for (const patient of patients)
    for (const study of patient.studies)
      for (const series of study.series)
        if (series.seriesInstanceUid === seriesInstanceUid && series.kind === 'volume')
          return series.id;
  throw new Error(`ingest found no volume for series ${seriesInstanceUid}`);
}

/** Shows the volume through the app's viewport controller; resolves at its first rendered frame after loading. */
async function show(volume: DisplayVolume): Promise<void> {
  if (!controller) throw new Error('viewport controller not initialised');
  let loaded = false;
  const rendered = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      viewportElement.removeEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
      reject(new Error('no IMAGE_RENDERED within 60 s of loading the volume'));
    }, 60_000);
    function onRendered(): void {
      if (!loaded) return;
      clearTimeout(timer);
      viewportElement.removeEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
      resolve();
    }
    viewportElement.addEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
  });
  await controller.show(volume, 'stack', [viewportElement]);
  loaded = true;
  shown = volume;
  await rendered;
}

function checksum(volume: DisplayVolume): number {
  let sum = 0;
  const data = volume.data;
  for (let i = 0; i < data.length; i++) sum += data[i] ?? 0;
  return sum;
}

async function load(
  source: LoadSource,
  series: { readonly studyInstanceUid: string; readonly seriesInstanceUid: string },
): Promise<LoadTiming> {
  if (!readyState) throw new Error('page not ready');
  // The app keeps one ingest worker alive: start it before the clock starts.
  ingest = createIngestClient();
  await ingest.ingest([]);
  const context = firstCanvas.getContext('2d');
  context?.clearRect(0, 0, firstCanvas.width, firstCanvas.height);
  await nextFrame();

  const t0 = performance.now();
  const since = (): number => performance.now() - t0;
  let queryMs: number | null = null;
  let firstInstanceMs = NaN;
  type Drawn = { drawnMs: number; ms: number; instanceNumber: number | null };
  let firstDrawn: Promise<Drawn> | null = null;
  /** Reads the instance's bytes (local: from disk, which is when it is "available"), draws it, waits for the frame. */
  const drawTimed = async (blob: Blob, local: boolean): Promise<Drawn> => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (local) firstInstanceMs = since();
    const { instanceNumber } = drawFirst(bytes);
    const drawnMs = since();
    await nextFrame();
    return { drawnMs, ms: since(), instanceNumber };
  };
  let files: SourceFile[];
  let bytes = 0;
  if (source === 'pacs') {
    const client = createDicomWebClient({ baseUrl: '/dicom-web', timeoutMs: 120_000 });
    const found = await client.searchSeries(series.studyInstanceUid);
    const record = found.find((s) => s.seriesInstanceUid === series.seriesInstanceUid);
    if (!record) throw new Error('QIDO-RS did not find the series');
    queryMs = since();
    const retrieved = await client.retrieveSeries(record, {
      expectedInstances: record.numberOfInstances,
      onInstance: (file) => {
        if (firstDrawn) return;
        firstInstanceMs = since();
        firstDrawn = drawTimed(file.blob, false);
      },
    });
    files = [...retrieved];
    for (const file of retrieved) bytes += file.blob.size;
  } else {
    const picked = Array.from(input.files ?? []);
    if (picked.length === 0) throw new Error('no files picked');
    // As createLocalFileDataSource hands them to the worker: disk-backed Blobs, read there.
    files = picked.map((file) => ({ name: file.webkitRelativePath || file.name, blob: file }));
    for (const file of picked) bytes += file.size;
    firstDrawn = drawTimed(picked[0] as File, true);
  }
  const allInstancesMs = source === 'pacs' ? since() : null;
  // Ingest runs alongside the first-image draw, as it would in the app.
  const ingested = ingest.ingest(files);
  const drawn = await (firstDrawn as Promise<Drawn> | null);
  if (!drawn) throw new Error('no instance arrived');
  const { patients } = await ingested;
  const ingestedMs = since();
  const volume = await ingest.assemble(findSeriesId(patients, series.seriesInstanceUid));
  const volumeMs = since();
  // A key of its own per load: the same series loaded again must not hit cornerstone's cache.
  await show({ ...volume, key: `${volume.key}#bench${++loadCount}` });
  const renderedMs = since();
  return {
    source,
    queryMs,
    firstInstanceMs,
    firstDrawnMs: drawn.drawnMs,
    firstImageMs: drawn.ms,
    allInstancesMs,
    ingestedMs,
    volumeMs,
    renderedMs,
    instances: files.length,
    bytes,
    firstInstanceNumber: drawn.instanceNumber,
    volume: {
      dimensions: [...volume.dimensions],
      dataType: volume.data.constructor.name,
      checksum: checksum(volume),
    },
  };
}

async function readRaw(series: {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(
    `/dicom-web/studies/${series.studyInstanceUid}/series/${series.seriesInstanceUid}`,
    { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } },
  );
  if (!response.ok || !response.body) throw new Error(`WADO-RS: HTTP ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read())
    bytes += read.value.byteLength;
  return { ms: performance.now() - started, bytes };
}

async function clear(): Promise<void> {
  if (shown) {
    controller?.destroy();
    controller = createViewportController();
    forgetVolumeSlices(shown);
    shown = null;
  }
  cache.purgeCache();
  ingest?.dispose();
  ingest = null;
  await nextFrame();
  (globalThis as { gc?: () => void }).gc?.();
}

const api: PacsLoadPageApi = {
  ready: () => readyState,
  failure: () => failure,
  pickedFiles: () => input.files?.length ?? 0,
  load,
  readRaw,
  clear,
};
(window as unknown as { __pacsLoad: PacsLoadPageApi }).__pacsLoad = api;

try {
  const state = initCornerstone();
  controller = createViewportController();
  readyState = { cpuFallback: state.cpuFallback };
  status.textContent = state.cpuFallback ? 'ready (CPU fallback!)' : 'ready';
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
  status.textContent = `failed: ${failure}`;
}
