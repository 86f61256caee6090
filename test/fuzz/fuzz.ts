/**
 * `npm run fuzz`: the full hostile-file corpus (every pydicom test file + 5,000 mutants by
 * default) through ingest and `liver-review measure`, printing files, crashes, hangs, max time
 * and max memory. Exit code 1 when anything crashed, hung or broke the error contract.
 *
 *   npm run fuzz -- [--mutants 5000] [--seed 9] [--workers 2] [--time-limit-ms 2000]
 *   npm run fuzz -- --only 1234 [--seed 9] [--save DIR]   # one mutant, in process, with details
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ingestFiles } from '../../src/dicom/index.ts';
import { formatFuzzReport } from './formatFuzzReport.ts';
import { generateMutant } from './generateFuzzCorpus.ts';
import { loadFuzzSeeds } from './loadFuzzSeeds.ts';
import { runFuzzCorpus } from './runFuzzCorpus.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

function text(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? null : (process.argv[at + 1] ?? null);
}

const seeds = loadFuzzSeeds();
if (text('only') !== null) {
  // Reproduces one mutant: what it is and what ingest says about it.
  const mutant = generateMutant(seeds.seeds, option('seed', 9), option('only', 0));
  process.stdout.write(`${mutant.name} from ${mutant.seed}: ${mutant.notes.join(' | ')}\n`);
  const save = text('save');
  if (save) {
    mkdirSync(save, { recursive: true });
    writeFileSync(join(save, mutant.name.split('/').pop() ?? 'mutant.dcm'), mutant.bytes);
  }
  const result = ingestFiles([{ name: mutant.name, bytes: mutant.bytes }]);
  process.stdout.write(`${JSON.stringify(result.rejected, null, 2)}\n`);
  process.exit(0);
}
const mutants = option('mutants', 5000);
let lastPrint = 0;
const report = await runFuzzCorpus(seeds, {
  corpusSeed: option('seed', 9),
  mutants,
  includeRaw: true,
  workers: option('workers', availableParallelism()),
  timeLimitMs: option('time-limit-ms', 2000),
  heapLimitMb: 1024,
  onProgress: (done, total) => {
    const now = performance.now();
    if (now - lastPrint < 5000 && done !== total) return;
    lastPrint = now;
    process.stderr.write(`fuzz: ${done}/${total} files\n`);
  },
});
const machine = {
  nproc: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
process.stdout.write(`${formatFuzzReport(report, machine)}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/fuzz-latest.json', JSON.stringify({ machine, ...report }, null, 2));
process.exitCode =
  report.crashes.length + report.hangs.length + report.violations.length > 0 ? 1 : 0;
