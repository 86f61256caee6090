import { renderPreviewFrame, type PreviewResult } from '../../../dicom/renderPreviewFrame';

/** What the loading status shows of the series arriving: its latest decoded instance. */
export interface SeriesPreviewState {
  readonly seriesInstanceUid: string;
  /** The series for people, e.g. "CT Abdomen PV 1.25mm". */
  readonly seriesLabel: string;
  /** Instances of the series received so far, and expected (from QIDO) when known. */
  readonly received: number;
  readonly total: number | null;
  /** The last decoded instance and its arrival rank (1 = first received); null until then. */
  readonly shown: { readonly index: number; readonly result: PreviewResult } | null;
}

export interface SeriesPreview {
  /** Starts previewing a series (the previous one, if any, is dropped). */
  start(series: {
    readonly seriesInstanceUid: string;
    readonly label: string;
    readonly total: number | null;
    /** Instances of it already received before the preview took it over (default 0). */
    readonly received?: number;
  }): void;
  /** One instance of the series has arrived. */
  arrived(file: { readonly blob: Blob }): void;
  /** Ends the preview; later arrivals and decodes in flight are ignored. */
  stop(): void;
  /** The series previewed now, if any. */
  current(): string | null;
}

export interface SeriesPreviewOptions {
  readonly onChange: (state: SeriesPreviewState | null) => void;
  /** Shortest time between the starts of two decodes (default 150 ms). */
  readonly intervalMs?: number;
  /** Blob → image; by default read and decoded here with `renderPreviewFrame`. */
  readonly decode?: (blob: Blob) => Promise<PreviewResult>;
  readonly now?: () => number;
}

/** Larger instances (enhanced multi-frame) are not copied again for a preview on this thread. */
export const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;

/** User Timing name of one preview decode (parse, convert, window) on the main thread. */
export const PREVIEW_DECODE_MEASURE = 'pacs-preview-decode';

/** Reads the arrived file and decodes it with our own parser; never rejects. */
export async function decodePreviewBlob(blob: Blob): Promise<PreviewResult> {
  if (blob.size > MAX_PREVIEW_BYTES)
    return {
      ok: false,
      code: 'TOO_LARGE',
      message: `${Math.round(blob.size / 2 ** 20)} MB is too large for a preview`,
    };
  try {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const start = performance.now();
    const result = renderPreviewFrame(bytes);
    // The main-thread time each preview costs, for the browser test and profiles.
    performance.measure(PREVIEW_DECODE_MEASURE, { start, end: performance.now() });
    return result;
  } catch (thrown) {
    return {
      ok: false,
      code: 'DECODE_FAILED',
      message: thrown instanceof Error ? thrown.message : String(thrown),
    };
  }
}

/**
 * A live image of the series being retrieved, decoded on the main thread. At most one decode
 * starts per `intervalMs`, always of the latest arrival (the first one at once), and only one
 * runs at a time, so a 300-slice series costs a handful of decodes, not 300, and the download
 * (a stream read on the same thread) is never held up for long.
 */
export function createSeriesPreview(options: SeriesPreviewOptions): SeriesPreview {
  const intervalMs = options.intervalMs ?? 150;
  const decode = options.decode ?? decodePreviewBlob;
  const now = options.now ?? (() => performance.now());
  let state: SeriesPreviewState | null = null;
  /** Bumped on start/stop: a decode of an earlier generation is ignored when it ends. */
  let generation = 0;
  let latest: { blob: Blob; index: number } | null = null;
  let decoding = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const emit = (next: SeriesPreviewState | null): void => {
    state = next;
    options.onChange(next);
  };

  const reset = (): void => {
    generation++;
    latest = null;
    decoding = false;
    lastStart = Number.NEGATIVE_INFINITY;
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const pump = (): void => {
    if (decoding || timer !== null || !latest) return;
    const wait = lastStart + intervalMs - now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        pump();
      }, wait);
      return;
    }
    const job = latest;
    const mine = generation;
    latest = null;
    decoding = true;
    lastStart = now();
    void decode(job.blob).then((result) => {
      if (mine !== generation || !state) return;
      decoding = false;
      emit({ ...state, shown: { index: job.index, result } });
      pump();
    });
  };

  return {
    start(series) {
      reset();
      emit({
        seriesInstanceUid: series.seriesInstanceUid,
        seriesLabel: series.label,
        received: series.received ?? 0,
        total: series.total,
        shown: null,
      });
    },
    arrived(file) {
      if (!state) return;
      const index = state.received + 1;
      latest = { blob: file.blob, index };
      emit({ ...state, received: index });
      pump();
    },
    stop() {
      reset();
      if (state) emit(null);
    },
    current: () => state?.seriesInstanceUid ?? null,
  };
}
