import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Timing helpers shared by the `*.bench.ts` files. */

export interface Timing {
  label: string;
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  samplesMs: number[];
}

// A full collection between repetitions keeps one run's garbage (hundreds of MB of buffers)
// from being paid for inside the next run. `gc` is not exposed by default: enable it here.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (() => void) | undefined;

export function collectGarbage(): void {
  collect?.();
}

function percentile(sorted: number[], p: number): number {
  // Nearest-rank percentile.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

/**
 * Runs `work` `runs` times after `warmup` untimed runs, collecting garbage before each, and
 * returns median, p90 and min wall-clock milliseconds. `work`'s return value is kept alive
 * until the run has been timed, so lazy work cannot escape the measurement.
 */
export function measure(label: string, runs: number, work: () => unknown, warmup = 1): Timing {
  // Holds the last result so it is neither optimised away nor collected mid-measurement; it is
  // dropped before the next collection so one run's output never burdens the next.
  const holder: unknown[] = [null];
  for (let i = 0; i < warmup; i++) {
    collectGarbage();
    holder[0] = work();
  }
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    holder[0] = null;
    collectGarbage();
    const start = performance.now();
    holder[0] = work();
    samplesMs.push(performance.now() - start);
  }
  holder[0] = null;
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    label,
    runs,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    minMs: sorted[0] ?? NaN,
    samplesMs: samplesMs.map((ms) => Number(ms.toFixed(3))),
  };
}

export function formatTable(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  totalMemoryGiB: number;
}

/** The machine the figures were measured on (CPU model as /proc/cpuinfo reports it). */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    totalMemoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}
