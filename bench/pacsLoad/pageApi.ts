/** What the load page (bench/pacsLoad/page/main.ts) exposes to bench/pacs-load.bench.ts as `window.__pacsLoad`. */

export type LoadSource = 'pacs' | 'local';

/** One timed load, every time in ms from the start of the load (`performance.now()` in the page). */
export interface LoadTiming {
  readonly source: LoadSource;
  /** QIDO-RS series search answered (PACS only). */
  readonly queryMs: number | null;
  /** The first instance's bytes are in hand (PACS: first part of the WADO-RS answer; local: first File read). */
  readonly firstInstanceMs: number;
  /** That instance decoded (dicom-parser), windowed and put on the canvas (putImageData returned). */
  readonly firstDrawnMs: number;
  /** … and the next animation frame began: the image is on screen. */
  readonly firstImageMs: number;
  /** Every instance in hand (PACS: retrieveSeries resolved); null for local files, in hand when picked. */
  readonly allInstancesMs: number | null;
  /** The ingest worker has parsed every header (ingest resolved). */
  readonly ingestedMs: number;
  /** The assembled DisplayVolume is in the page (assemble resolved, buffer transferred). */
  readonly volumeMs: number;
  /** The volume shown by the app's viewport controller and its first frame rendered (IMAGE_RENDERED). */
  readonly renderedMs: number;
  readonly instances: number;
  /** Bytes of the Part 10 files received or read. */
  readonly bytes: number;
  /** What was drawn first: the InstanceNumber of the first instance available. */
  readonly firstInstanceNumber: number | null;
  readonly volume: {
    readonly dimensions: readonly number[];
    readonly dataType: string;
    /** Σ of every voxel (as a Float64 sum), to check both sources give the same volume. */
    readonly checksum: number;
  };
}

export interface PacsLoadPageApi {
  /** Cornerstone initialised; `cpuFallback` must be false (WebGL rendering). */
  ready(): { readonly cpuFallback: boolean } | null;
  failure(): string | null;
  /** Number of files picked in the page's file input. */
  pickedFiles(): number;
  load(
    source: LoadSource,
    series: { readonly studyInstanceUid: string; readonly seriesInstanceUid: string },
  ): Promise<LoadTiming>;
  /** Reference: the WADO-RS answer fetched through /dicom-web and read to the end, not parsed; ms and bytes. */
  readRaw(series: {
    readonly studyInstanceUid: string;
    readonly seriesInstanceUid: string;
  }): Promise<{ readonly ms: number; readonly bytes: number }>;
  /** Frees what a load left behind (cornerstone cache, viewports, worker) and collects garbage. */
  clear(): Promise<void>;
}
