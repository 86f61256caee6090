import type { SegSourceDescription } from '../dicom/seg';
import type { LoadProblem, PatientSummary } from '../plugin-api';
import type { DisplayVolume } from '../viewport/displayVolume';
import type { MeasurementReportSummary } from './measurementReportRequests';
import type { ImportedSegmentation, SegFileSummary } from './segmentationRequests';
import type { IngestProgress, SourceFile, WorkerRequest, WorkerResponse } from './types';

export class IngestClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IngestClientError';
  }
}

export interface IngestClient {
  ingest(
    files: readonly SourceFile[],
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<{ patients: readonly PatientSummary[]; problems: readonly LoadProblem[] }>;
  assemble(seriesId: string): Promise<DisplayVolume>;
  /** What a DICOM SEG drawn on the series copies from it. */
  describeSegSource(seriesId: string): Promise<SegSourceDescription>;
  /** The loaded SEG objects whose source image series is `seriesId`. */
  listSegmentationFiles(seriesId: string): Promise<readonly SegFileSummary[]>;
  /** The loaded TID 1500 Measurement Reports that measure `seriesId`. */
  listMeasurementReports(seriesId: string): Promise<readonly MeasurementReportSummary[]>;
  /** One loaded SEG object mapped onto the grid of `targetSeriesId`. */
  readSegmentationFile(
    file: Pick<SegFileSummary, 'segSeriesId' | 'sopInstanceUid'>,
    targetSeriesId: string,
  ): Promise<ImportedSegmentation>;
  dispose(): void;
}

type Pending = {
  resolve: (response: WorkerResponse) => void;
  reject: (error: IngestClientError) => void;
  onProgress?: ((progress: IngestProgress) => void) | undefined;
};

/** The parts of a Worker the client uses (a test may hand in another implementation). */
export type IngestWorker = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

export interface IngestClientOptions {
  /** Starts an ingest worker; by default the module worker `ingest.worker.ts`. */
  readonly createWorker?: () => IngestWorker;
  /** Called after a crashed worker was replaced and the files opened so far were read again. */
  readonly onRestart?: (detail: { readonly resentFiles: number }) => void;
}

const startModuleWorker = (): IngestWorker =>
  new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' });

type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'requestId'>
    : never
  : never;

/**
 * Runs ingest in a Web Worker so parsing and volume assembly never block the UI; volume
 * buffers come back transferred, not copied. When the worker dies (an `error` event), every
 * pending request fails with WORKER_CRASHED and the next request starts a fresh worker, which
 * first reads again every file opened so far (URLs and Blobs are kept, not their bytes), so
 * series ids and SEG/SR look-ups work as before.
 */
export function createIngestClient(options: IngestClientOptions = {}): IngestClient {
  const createWorker = options.createWorker ?? startModuleWorker;
  const pending = new Map<number, Pending>();
  // Every file handed to the worker so far, to hand to a replacement.
  let opened: SourceFile[] = [];
  let nextId = 1;
  let worker: IngestWorker | null = null;
  let starting: Promise<IngestWorker> | null = null;
  let crashed = false;

  function crash(message: string): void {
    worker?.terminate();
    worker = null;
    crashed = true;
    const error = new IngestClientError(
      'WORKER_CRASHED',
      `The file reader stopped (${message}); the files are read again on the next request.`,
    );
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  }

  function spawn(): IngestWorker {
    const created = createWorker();
    created.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      if (created !== worker) return;
      const message = event.data;
      const entry = pending.get(message.requestId);
      if (!entry) return;
      if (message.type === 'progress') {
        entry.onProgress?.(message.progress);
        return;
      }
      pending.delete(message.requestId);
      if (message.type === 'failed')
        entry.reject(new IngestClientError(message.error.code, message.error.message));
      else entry.resolve(message);
    });
    const onError = (event: Event): void => {
      if (created !== worker) return;
      event.preventDefault();
      const message = (event as { message?: unknown }).message;
      crash(typeof message === 'string' && message ? message : 'worker error');
    };
    created.addEventListener('error', onError);
    created.addEventListener('messageerror', onError);
    return created;
  }

  function send(
    target: IngestWorker,
    body: RequestBody,
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<WorkerResponse> {
    const requestId = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { resolve, reject, onProgress });
      target.postMessage({ ...body, requestId } as WorkerRequest);
    });
  }

  /** The live worker; after a crash, a new one that has read the opened files again. */
  function ready(): Promise<IngestWorker> {
    if (worker && !starting) return Promise.resolve(worker);
    if (starting) return starting;
    const fresh = spawn();
    worker = fresh;
    if (!crashed || opened.length === 0) {
      crashed = false;
      return Promise.resolve(fresh);
    }
    const resent = opened.length;
    starting = send(fresh, { type: 'ingest', files: opened })
      .then(() => {
        crashed = false;
        options.onRestart?.({ resentFiles: resent });
        return fresh;
      })
      .catch((error: unknown) => {
        throw error instanceof IngestClientError && error.code === 'WORKER_CRASHED'
          ? error
          : new IngestClientError(
              'WORKER_CRASHED',
              `The file reader was restarted but could not read the files again; open them again.`,
            );
      })
      .finally(() => {
        starting = null;
      });
    return starting;
  }

  async function request(
    body: RequestBody,
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<WorkerResponse> {
    return send(await ready(), body, onProgress);
  }

  const protocolError = (): IngestClientError =>
    new IngestClientError('PROTOCOL', 'Unexpected worker reply');

  return {
    async ingest(files, onProgress) {
      const response = await request({ type: 'ingest', files }, onProgress);
      if (response.type !== 'ingested')
        throw new IngestClientError('PROTOCOL', 'Unexpected worker reply');
      opened = [...opened, ...files];
      return { patients: response.patients, problems: response.problems };
    },
    async assemble(seriesId) {
      const response = await request({ type: 'assemble', seriesId });
      if (response.type !== 'assembled')
        throw new IngestClientError('PROTOCOL', 'Unexpected worker reply');
      return response.volume;
    },
    async describeSegSource(seriesId) {
      const response = await request({ type: 'seg-source', seriesId });
      if (response.type !== 'seg-source') throw protocolError();
      return response.description;
    },
    async listSegmentationFiles(seriesId) {
      const response = await request({ type: 'list-segs', seriesId });
      if (response.type !== 'segs-listed') throw protocolError();
      return response.segmentations;
    },
    async listMeasurementReports(seriesId) {
      const response = await request({ type: 'list-reports', seriesId });
      if (response.type !== 'reports-listed') throw protocolError();
      return response.reports;
    },
    async readSegmentationFile(file, targetSeriesId) {
      const response = await request({
        type: 'read-seg',
        segSeriesId: file.segSeriesId,
        sopInstanceUid: file.sopInstanceUid,
        targetSeriesId,
      });
      if (response.type !== 'seg-read') throw protocolError();
      return response.segmentation;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      opened = [];
      pending.clear();
    },
  };
}
