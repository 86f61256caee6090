/**
 * Peak resident memory during a synchronous call: a worker thread reads the process's RSS every
 * millisecond while the main thread is busy, and keeps the largest value in shared memory.
 */
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData, 0, 1);
const state = new Int32Array(workerData, 8, 1);
while (Atomics.load(state, 0) === 0) {
  const rss = process.memoryUsage.rss();
  if (rss > peak[0]) peak[0] = rss;
  Atomics.wait(state, 0, 0, 1);
}
`;

export interface RssSampler {
  /** Starts a new window at the current RSS; returns it (bytes). */
  reset(): number;
  /** The largest RSS seen since the last reset (bytes). */
  peak(): number;
  stop(): Promise<void>;
}

export async function startRssSampler(): Promise<RssSampler> {
  const shared = new SharedArrayBuffer(16);
  const peak = new Float64Array(shared, 0, 1);
  const state = new Int32Array(shared, 8, 1);
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  return {
    reset() {
      const now = process.memoryUsage.rss();
      peak[0] = now;
      return now;
    },
    peak() {
      return Math.max(peak[0] ?? 0, process.memoryUsage.rss());
    },
    async stop() {
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
      await worker.terminate();
    },
  };
}
