/**
 * Runs the corpus on a pool of worker threads, one case at a time per worker, each under a
 * watchdog: a case that has not answered within the time limit is a hang (the worker is
 * terminated and replaced); a worker that dies (uncaught error, heap limit) is a crash. The
 * workers run with a 1 MiB stack, like a browser worker's, and a bounded heap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateFuzzCorpus, type FuzzCase } from './generateFuzzCorpus.ts';
import type { WorkerReply, WorkerRequest } from './fuzzWorkerMain.ts';
import type { FuzzSeeds } from './loadFuzzSeeds.ts';
import type { CaseResult } from './processFuzzCase.ts';

export interface FuzzRunOptions {
  corpusSeed: number;
  mutants: number;
  includeRaw: boolean;
  workers: number;
  /** A case slower than this is a hang (the limit is 2 s per file). */
  timeLimitMs: number;
  /** Old-generation heap limit of each worker; exceeding it kills the worker (a crash). */
  heapLimitMb: number;
  onProgress?: (done: number, total: number) => void;
}

export interface CaseRecord {
  id: number;
  name: string;
  seed: string;
  notes: string[];
  detail: string;
}

export interface FuzzReport {
  corpusSeed: number;
  files: number;
  rawFiles: number;
  mutants: number;
  crashes: CaseRecord[];
  hangs: CaseRecord[];
  violations: CaseRecord[];
  maxTimeMs: number;
  maxTimeFile: string;
  medianTimeMs: number;
  p99TimeMs: number;
  maxMemoryBytes: number;
  maxMemoryFile: string;
  processMaxRssBytes: number;
  /** The mutant's own fate: 'LOADED' or its error code. */
  outcomes: Record<string, number>;
  rejected: number;
  rejectedWithOffset: number;
  assembleFailures: Record<string, number>;
  /** Per error code of the file itself: how many, and how many with a byte offset. */
  offsetsByCode: Record<string, { files: number; withOffset: number }>;
  /** deepNesting-only mutants by depth band: outcome counts. */
  nestingOutcomes: Record<string, Record<string, number>>;
  byKind: Record<string, { files: number; rejected: number }>;
  cliExits: Record<string, number>;
  durationMs: number;
  workers: number;
  timeLimitMs: number;
}

type CaseOutcome =
  { kind: 'result'; result: CaseResult } | { kind: 'hang' } | { kind: 'died'; detail: string };

const WORKER_URL = new URL('./fuzzWorker.mjs', import.meta.url);

async function startWorker(seeds: FuzzSeeds, root: string, heapLimitMb: number): Promise<Worker> {
  const worker = new Worker(WORKER_URL, {
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMb, stackSizeMb: 1 },
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (reply: WorkerReply): void => {
      worker.off('error', reject);
      if (reply.type === 'ready') resolve();
      else reject(new Error(reply.type === 'init-failed' ? reply.message : 'unexpected reply'));
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
    const init: WorkerRequest = {
      type: 'init',
      controls: seeds.controls,
      cliFixture: seeds.cliFixture,
      root,
    };
    worker.postMessage(init);
  });
  return worker;
}

function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

function runCase(worker: Worker, fuzzCase: FuzzCase, limitMs: number): Promise<CaseOutcome> {
  return new Promise((resolve) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply): void => {
      if (reply.type !== 'result' || reply.id !== fuzzCase.id) return;
      cleanup();
      resolve({ kind: 'result', result: reply.result });
    };
    const onError = (error: Error): void => {
      cleanup();
      resolve({ kind: 'died', detail: `worker error: ${error.name}: ${error.message}` });
    };
    const onExit = (code: number): void => {
      cleanup();
      resolve({ kind: 'died', detail: `worker exited with code ${code}` });
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve({ kind: 'hang' });
    }, limitMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // Raw files are the seeds' own bytes: copy them, never detach them.
    const bytes = transferable(fuzzCase.group === 'raw' ? fuzzCase.bytes.slice() : fuzzCase.bytes);
    const request: WorkerRequest = { type: 'case', id: fuzzCase.id, name: fuzzCase.name, bytes };
    if (fuzzCase.cliIndex !== undefined) request.cliIndex = fuzzCase.cliIndex;
    worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Runs the corpus and gathers its figures; never throws for a failing case. */
export async function runFuzzCorpus(
  seeds: FuzzSeeds,
  options: FuzzRunOptions,
): Promise<FuzzReport> {
  const started = performance.now();
  const corpus = generateFuzzCorpus(seeds, {
    corpusSeed: options.corpusSeed,
    mutants: options.mutants,
    includeRaw: options.includeRaw,
  });
  const total = (options.includeRaw ? seeds.rawFiles.length : 0) + options.mutants;
  const report: FuzzReport = {
    corpusSeed: options.corpusSeed,
    files: 0,
    rawFiles: options.includeRaw ? seeds.rawFiles.length : 0,
    mutants: options.mutants,
    crashes: [],
    hangs: [],
    violations: [],
    maxTimeMs: 0,
    maxTimeFile: '',
    medianTimeMs: 0,
    p99TimeMs: 0,
    maxMemoryBytes: 0,
    maxMemoryFile: '',
    processMaxRssBytes: 0,
    outcomes: {},
    rejected: 0,
    rejectedWithOffset: 0,
    assembleFailures: {},
    offsetsByCode: {},
    nestingOutcomes: {},
    byKind: {},
    cliExits: {},
    durationMs: 0,
    workers: options.workers,
    timeLimitMs: options.timeLimitMs,
  };
  const times: number[] = [];
  const bump = (counts: Record<string, number>, key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const record = (c: FuzzCase, detail: string): CaseRecord => ({
    id: c.id,
    name: c.name,
    seed: c.seed,
    notes: c.notes,
    detail,
  });
  const tally = (c: FuzzCase, outcome: CaseOutcome): void => {
    report.files++;
    if (outcome.kind === 'hang') {
      report.hangs.push(record(c, `no answer within ${options.timeLimitMs} ms`));
      return;
    }
    if (outcome.kind === 'died') {
      report.crashes.push(record(c, outcome.detail));
      return;
    }
    const r = outcome.result;
    times.push(r.timeMs);
    if (r.timeMs > report.maxTimeMs) {
      report.maxTimeMs = r.timeMs;
      report.maxTimeFile = c.name;
    }
    if (r.memoryBytes > report.maxMemoryBytes) {
      report.maxMemoryBytes = r.memoryBytes;
      report.maxMemoryFile = c.name;
    }
    if (r.crash) report.crashes.push(record(c, r.crash));
    if (r.violations.length > 0) report.violations.push(record(c, r.violations.join('; ')));
    bump(report.outcomes, r.outcome);
    if (r.outcome !== 'LOADED') {
      report.rejected++;
      if (r.hasOffset) report.rejectedWithOffset++;
      const entry = (report.offsetsByCode[r.outcome] ??= { files: 0, withOffset: 0 });
      entry.files++;
      if (r.hasOffset) entry.withOffset++;
    }
    const nesting = c.nesting;
    if (nesting && c.kinds.length === 1) {
      const band = nesting.depth <= 256 ? '≤256' : nesting.depth < 2000 ? '257–1999' : '≥2000';
      bump((report.nestingOutcomes[band] ??= {}), r.outcome);
      // A parsed public sequence deeper than the cap must never load (private ones with a
      // defined length in implicit VR are opaque bytes to the parser, and may).
      const opaque = (nesting.tag >>> 16) % 2 === 1;
      if (nesting.depth > 256 && !opaque && r.outcome === 'LOADED')
        report.violations.push(record(c, `nesting depth ${nesting.depth} > 256 was accepted`));
    }
    for (const code of r.assembleCodes) bump(report.assembleFailures, code);
    bump(report.cliExits, String(r.cliExit));
    for (const kind of c.kinds.length > 0 ? c.kinds : ['unmutated']) {
      const entry = (report.byKind[kind] ??= { files: 0, rejected: 0 });
      entry.files++;
      if (r.outcome !== 'LOADED') entry.rejected++;
    }
  };

  const root = mkdtempSync(join(tmpdir(), 'fuzz-'));
  let serial = 0;
  const slot = async (): Promise<void> => {
    let worker = await startWorker(seeds, join(root, String(serial++)), options.heapLimitMb);
    for (let next = corpus.next(); !next.done; next = corpus.next()) {
      const fuzzCase = next.value;
      const outcome = await runCase(worker, fuzzCase, options.timeLimitMs);
      tally(fuzzCase, outcome);
      options.onProgress?.(report.files, total);
      if (outcome.kind !== 'result') {
        await worker.terminate();
        worker = await startWorker(seeds, join(root, String(serial++)), options.heapLimitMb);
      }
    }
    await worker.terminate();
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.workers) }, slot));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  report.medianTimeMs = percentile(times, 0.5);
  report.p99TimeMs = percentile(times, 0.99);
  report.processMaxRssBytes = process.resourceUsage().maxRSS * 1024;
  report.durationMs = performance.now() - started;
  return report;
}
