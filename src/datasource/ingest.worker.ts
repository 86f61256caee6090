/// <reference lib="webworker" />
import { assembleVolume, ingestFiles, type InputFile, type IngestResult } from '../dicom';
import type { LoadProblem } from '../plugin-api';
import type { SegResult } from '../dicom/seg';
import { createMeasurementReportRequests } from './measurementReportRequests';
import { createSegmentationRequests } from './segmentationRequests';
import type { WorkerRequest, WorkerResponse } from './types';
import { summarisePatients, toDisplayVolume, toLoadProblems } from './summarise';

/**
 * The ingest worker: reads files (URLs or Blobs), parses and groups them, and assembles
 * volumes on request. The main thread only ever receives summaries and finished volumes.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
// Every file read so far, in arrival order; two folders may hold files of the same name, and
// duplicates of one instance are dropped by ingest itself.
const files: InputFile[] = [];
const readProblems: LoadProblem[] = [];
let latest: IngestResult | null = null;
const segmentations = createSegmentationRequests(() => latest);
const reports = createMeasurementReportRequests(() => latest);

const READ_CONCURRENCY = 8;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Posts a SEG request's value, or its SegError as the request's failure. */
function reply<T>(
  requestId: number,
  result: SegResult<T>,
  toMessage: (value: T) => WorkerResponse,
  transfer: (value: T) => Transferable[] = () => [],
): void {
  if (result.ok) post(toMessage(result.value), transfer(result.value));
  else post({ type: 'failed', requestId, error: result.error });
}

async function readAll(
  request: Extract<WorkerRequest, { type: 'ingest' }>,
): Promise<{ read: InputFile[]; failed: LoadProblem[] }> {
  const read: InputFile[] = [];
  const failed: LoadProblem[] = [];
  let next = 0;
  let done = 0;
  const total = request.files.length;
  const worker = async (): Promise<void> => {
    while (next < request.files.length) {
      const source = request.files[next++];
      if (!source) continue;
      try {
        const buffer =
          'url' in source
            ? await fetch(source.url).then((r) => {
                if (!r.ok) throw new Error(`HTTP ${r.status}`);
                return r.arrayBuffer();
              })
            : await source.blob.arrayBuffer();
        read.push({ name: source.name, bytes: new Uint8Array(buffer) });
      } catch (error) {
        failed.push({
          file: source.name,
          code: 'READ_FAILED',
          message: `Could not be read: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      done++;
      if (done % 16 === 0 || done === total) {
        post({ type: 'progress', requestId: request.requestId, progress: { done, total } });
      }
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  return { read, failed };
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      switch (request.type) {
        case 'ingest': {
          const { read, failed } = await readAll(request);
          files.push(...read);
          readProblems.push(...failed);
          latest = ingestFiles(files);
          post({
            type: 'ingested',
            requestId: request.requestId,
            patients: summarisePatients(latest),
            problems: [...readProblems, ...toLoadProblems(latest)],
          });
          break;
        }
        case 'assemble': {
          const study = latest?.patients
            .flatMap((p) => p.studies)
            .find((s) => s.series.some((candidate) => candidate.id === request.seriesId));
          const series = study?.series.find((s) => s.id === request.seriesId);
          if (!study || !series) {
            post({
              type: 'failed',
              requestId: request.requestId,
              error: { code: 'NOT_FOUND', message: 'Series is not loaded' },
            });
            break;
          }
          const result = assembleVolume(series);
          if (!result.ok) {
            post({ type: 'failed', requestId: request.requestId, error: result.error });
            break;
          }
          const volume = toDisplayVolume(series, result.value, study.studyInstanceUid);
          post({ type: 'assembled', requestId: request.requestId, volume }, [
            volume.data.buffer as ArrayBuffer,
          ]);
          break;
        }
        case 'seg-source':
          reply(
            request.requestId,
            segmentations.describeSource(request.seriesId),
            (description) => ({
              type: 'seg-source',
              requestId: request.requestId,
              description,
            }),
          );
          break;
        case 'list-segs':
          reply(request.requestId, segmentations.listFor(request.seriesId), (list) => ({
            type: 'segs-listed',
            requestId: request.requestId,
            segmentations: list,
          }));
          break;
        case 'list-reports':
          reply(request.requestId, reports.listFor(request.seriesId), (list) => ({
            type: 'reports-listed',
            requestId: request.requestId,
            reports: list,
          }));
          break;
        case 'read-seg':
          reply(
            request.requestId,
            segmentations.read(request.segSeriesId, request.sopInstanceUid, request.targetSeriesId),
            (segmentation) => ({ type: 'seg-read', requestId: request.requestId, segmentation }),
            (segmentation) => [segmentation.labels.buffer as ArrayBuffer],
          );
          break;
        case 'clear':
          files.length = 0;
          readProblems.length = 0;
          latest = null;
          post({ type: 'cleared', requestId: request.requestId });
          break;
      }
    } catch (error) {
      post({
        type: 'failed',
        requestId: request.requestId,
        error: {
          code: 'WORKER_ERROR',
          message: error instanceof Error ? error.message : String(error),
        },
      });
    }
  })();
});
