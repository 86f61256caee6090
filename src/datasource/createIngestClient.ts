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

/**
 * Runs ingest in a Web Worker so parsing and volume assembly never block the UI; volume
 * buffers come back transferred, not copied.
 */
export function createIngestClient(): IngestClient {
  const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let nextId = 1;

  worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
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
  worker.addEventListener('error', (event) => {
    for (const entry of pending.values()) {
      entry.reject(new IngestClientError('WORKER_FAILED', event.message || 'Ingest worker failed'));
    }
    pending.clear();
  });

  type RequestBody = WorkerRequest extends infer R
    ? R extends WorkerRequest
      ? Omit<R, 'requestId'>
      : never
    : never;

  function request(
    body: RequestBody,
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<WorkerResponse> {
    const requestId = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { resolve, reject, onProgress });
      worker.postMessage({ ...body, requestId } as WorkerRequest);
    });
  }

  const protocolError = (): IngestClientError =>
    new IngestClientError('PROTOCOL', 'Unexpected worker reply');

  return {
    async ingest(files, onProgress) {
      const response = await request({ type: 'ingest', files }, onProgress);
      if (response.type !== 'ingested')
        throw new IngestClientError('PROTOCOL', 'Unexpected worker reply');
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
      worker.terminate();
      pending.clear();
    },
  };
}
