/**
 * Memory of a Chromium instance from /proc: every process under the browser process (renderer
 * with its workers, GPU process with SwiftShader's textures, utilities), summed as PSS
 * (proportional set size: shared library pages split between the processes that map them, so
 * the sum is not inflated by counting Chromium's code once per process).
 */
import fs from 'node:fs';

export interface ProcessMemory {
  readonly pid: number;
  readonly type: string;
  readonly pssBytes: number;
  /** VmHWM: this process's own peak resident set since it started. */
  readonly peakRssBytes: number;
}

function readParent(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The Chromium browser process started by this Node process for `userDataDir`. */
export function findBrowserPid(userDataDir: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || readParent(Number(entry)) !== process.pid) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${userDataDir}`)) return Number(entry);
    } catch {
      // Ended while being read.
    }
  }
  throw new Error(`no Chromium process for ${userDataDir}`);
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = readParent(Number(entry));
    if (parent === null) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i] ?? -1) ?? []));
  return out;
}

const kb = (text: string, field: string): number =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;

export function readProcessTree(browserPid: number): ProcessMemory[] {
  const out: ProcessMemory[] = [];
  for (const pid of descendants(browserPid)) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      // Chromium rewrites its children's argv with spaces (setproctitle), not NULs.
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const type = /^--type=(.*)$/.exec(args.find((a) => a.startsWith('--type=')) ?? '')?.[1];
      out.push({
        pid,
        type: type ?? (pid === browserPid ? 'browser' : 'other'),
        pssBytes: kb(rollup, 'Pss'),
        peakRssBytes: kb(status, 'VmHWM'),
      });
    } catch {
      // Ended while being read.
    }
  }
  return out;
}

export interface MemorySampler {
  /** Sum of PSS over the tree now. */
  now(): { totalBytes: number; byType: Record<string, number> };
  /** Highest sum seen since the last `resetPeak`, with its breakdown. */
  peak(): { totalBytes: number; byType: Record<string, number> };
  resetPeak(): void;
  stop(): void;
}

function sum(tree: ProcessMemory[]): { totalBytes: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  let totalBytes = 0;
  for (const p of tree) {
    byType[p.type] = (byType[p.type] ?? 0) + p.pssBytes;
    totalBytes += p.pssBytes;
  }
  return { totalBytes, byType };
}

/** Samples the tree every `intervalMs` and keeps the highest total. */
export function startMemorySampler(browserPid: number, intervalMs = 100): MemorySampler {
  let peak = sum(readProcessTree(browserPid));
  const sample = (): { totalBytes: number; byType: Record<string, number> } => {
    const current = sum(readProcessTree(browserPid));
    if (current.totalBytes > peak.totalBytes) peak = current;
    return current;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    now: sample,
    peak: () => peak,
    resetPeak() {
      peak = sum(readProcessTree(browserPid));
    },
    stop: () => clearInterval(timer),
  };
}
