/**
 * Runs every `bench/*.bench.ts` (or those named on the command line, e.g. `ingest`) in one
 * process and writes each result as JSON to bench/results/ (git-ignored).
 * A bench module exports `name: string` and `run(): Promise<object>`; it prints its own table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  name?: unknown;
  run?: unknown;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(here, 'results');
const wanted = process.argv.slice(2);

const benches = fs
  .readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((w) => file.startsWith(w)))
  .sort();

if (benches.length === 0) {
  console.error(`no bench matches ${wanted.join(', ') || '*.bench.ts'}`);
  process.exitCode = 1;
}

fs.mkdirSync(resultsDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
for (const file of benches) {
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule;
  if (typeof module.run !== 'function') {
    console.warn(`${file}: no run() export, skipped`);
    continue;
  }
  const benchName =
    typeof module.name === 'string' ? module.name : file.replace(/\.bench\.ts$/, '');
  const started = performance.now();
  const result: unknown = await (module.run as () => Promise<unknown>)();
  const json = JSON.stringify(
    { bench: benchName, date: new Date().toISOString(), ...(result as object) },
    null,
    2,
  );
  fs.writeFileSync(path.join(resultsDir, `${benchName}-${stamp}.json`), json);
  fs.writeFileSync(path.join(resultsDir, `${benchName}-latest.json`), json);
  console.log(
    `${benchName}: done in ${((performance.now() - started) / 1000).toFixed(1)} s → bench/results/${benchName}-latest.json`,
  );
}
