/// <reference lib="webworker" />
import { getDefaultFrameDecoders } from '../dicom';
import { createCodecDecoders } from './codecs/createCodecDecoders';
import type { LoadProblem } from '../plugin-api';
import { CODEC_WASM_URLS } from './codecs/codecWasmUrls';
import type { SegResult } from '../dicom/seg';
import { createIngestSession, type ReadFile } from './createIngestSession';
import { createMeasurementReportRequests } from './measurementReportRequests';
import { readSourceFile, readSourceFileSync } from './readSourceFile';
import { createSegmentationRequests } from './segmentationRequests';
import type { WorkerRequest, WorkerResponse } from './types';
import { summarisePatients, toDisplayVolume } from './summarise';

/**
 * The ingest worker: reads files (URLs or Blobs), parses and groups them, and assembles
 * volumes on request. The main thread only ever receives summaries and finished volumes.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
// Every file read so far (two folders may hold files of the same name; duplicates of one
// instance are dropped by ingest itself). Image pixels are released once their volume is sent.
// JPEG, JPEG-LS, JPEG 2000 and HTJ2K codecs load on the first series that needs them.
const codecs = createCodecDecoders({
  moduleOptions: (codec) => ({
    locateFile: (file) => (file.endsWith('.wasm') ? CODEC_WASM_URLS[codec] : file),
  }),
});
const session = createIngestSession(readSourceFile, {
  prepareDecoders: (uids) => codecs.prepare(uids, getDefaultFrameDecoders()),
  // Picked or dropped files are read again one at a time while their series is assembled.
  readSourceSync: readSourceFileSync,
});
const segmentations = createSegmentationRequests(() => session.latest());
const reports = createMeasurementReportRequests(() => session.latest());

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

/** Reads every file and parses each as it arrives (so its pixels can be dropped at once). */
async function readAll(
  request: Extract<WorkerRequest, { type: 'ingest' }>,
): Promise<LoadProblem[]> {
  const failed: LoadProblem[] = [];
  let next = 0;
  let done = 0;
  const total = request.files.length;
  const worker = async (): Promise<void> => {
    while (next < request.files.length) {
      const source = request.files[next++];
      if (!source) continue;
      let file: ReadFile | null = null;
      try {
        file = { source, bytes: new Uint8Array(await readSourceFile(source)) };
      } catch (error) {
        failed.push({
          file: source.name,
          code: 'READ_FAILED',
          message: `Could not be read: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      if (file) session.parse(file);
      done++;
      if (done % 16 === 0 || done === total) {
        post({ type: 'progress', requestId: request.requestId, progress: { done, total } });
      }
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  return failed;
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      switch (request.type) {
        case 'ingest': {
          const failed = await readAll(request);
          const latest = session.regroup(failed);
          post({
            type: 'ingested',
            requestId: request.requestId,
            patients: summarisePatients(latest),
            problems: session.problems(),
          });
          break;
        }
        case 'assemble': {
          const result = await session.assemble(request.seriesId);
          if (!result.ok) {
            post({ type: 'failed', requestId: request.requestId, error: result.error });
            break;
          }
          const { series, study, volume: assembled } = result.value;
          const volume = toDisplayVolume(series, assembled, study.studyInstanceUid);
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
          session.clear();
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
