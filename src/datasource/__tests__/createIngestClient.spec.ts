import { describe, expect, it } from 'vitest';
import { createIngestClient, type IngestWorker } from '../createIngestClient';
import type { SourceFile, WorkerRequest, WorkerResponse } from '../types';

/**
 * A stand-in worker speaking the worker protocol: it answers ingest at once and holds every
 * other request until the test answers or crashes it.
 */
class ScriptedWorker extends EventTarget implements IngestWorker {
  readonly received: WorkerRequest[] = [];
  terminated = false;
  postMessage(message: WorkerRequest): void {
    this.received.push(message);
    if (message.type === 'ingest')
      queueMicrotask(() =>
        this.reply({ type: 'ingested', requestId: message.requestId, patients: [], problems: [] }),
      );
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerResponse): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  crash(message: string): void {
    const event = new Event('error', { cancelable: true });
    Object.assign(event, { message });
    this.dispatchEvent(event);
  }
}

const files: SourceFile[] = [
  { name: 'a.dcm', url: '/a.dcm' },
  { name: 'b.dcm', blob: new Blob([new Uint8Array(4)]) },
];

describe('createIngestClient', () => {
  it('fails pending requests with WORKER_CRASHED, then re-reads the opened files in a new worker', async () => {
    const workers: ScriptedWorker[] = [];
    const restarts: number[] = [];
    const client = createIngestClient({
      createWorker: () => {
        const worker = new ScriptedWorker();
        workers.push(worker);
        return worker;
      },
      onRestart: ({ resentFiles }) => restarts.push(resentFiles),
    });
    await client.ingest(files);
    const pending = client.assemble('series-1');
    const other = client.listSegmentationFiles('series-1');
    await Promise.resolve();
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    await expect(other).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(workers[0]?.terminated).toBe(true);

    const next = client.listMeasurementReports('series-1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const fresh = workers[1];
    if (!fresh) throw new Error('no new worker');
    // The replacement first gets every file opened so far, then the request itself.
    expect(fresh.received.map((r) => r.type)).toEqual(['ingest', 'list-reports']);
    const resent = fresh.received[0];
    expect(resent?.type === 'ingest' ? resent.files : []).toEqual(files);
    const request = fresh.received[1];
    fresh.reply({ type: 'reports-listed', requestId: request?.requestId ?? -1, reports: [] });
    await expect(next).resolves.toEqual([]);
    expect(restarts).toEqual([2]);
    expect(workers).toHaveLength(2);
  });

  it('ignores messages of a worker it has replaced', async () => {
    const workers: ScriptedWorker[] = [];
    const client = createIngestClient({
      createWorker: () => {
        const worker = new ScriptedWorker();
        workers.push(worker);
        return worker;
      },
    });
    const first = client.describeSegSource('s');
    await Promise.resolve();
    workers[0]?.crash('gone');
    await expect(first).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    const second = client.describeSegSource('s');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const id = workers[1]?.received[0]?.requestId ?? -1;
    // A late answer from the dead worker with the same id must not settle the new request.
    workers[0]?.reply({ type: 'failed', requestId: id, error: { code: 'X', message: 'late' } });
    workers[1]?.reply({
      type: 'seg-source',
      requestId: id,
      description: {} as never,
    });
    await expect(second).resolves.toEqual({});
  });
});
