/**
 * Sample patient generator: `npm run samples` (also run before `npm start`/`npm run dev`).
 * Writes sample-dicom/out/ (git-ignored) deterministically; a no-op when the output is current.
 *
 *   tsx sample-dicom/generate.ts [--force] [--out DIR]
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { generateSamples } from './lib/samples.ts';

export {
  generateSamples,
  isCurrent,
  generatorHash,
  DEFAULT_OUT_DIR,
  type GenerateResult,
  type Manifest,
} from './lib/samples.ts';
export { buildCtSeries, ctSeriesFiles, type CtSeriesOptions } from './lib/ctSeries.ts';
export { buildLocalizer } from './lib/localizer.ts';
export type { GeneratedFile, SeriesGeometry } from './lib/series.ts';
export type { Truth } from './lib/truth.ts';

function main(argv: string[]): void {
  const force = argv.includes('--force');
  const outIdx = argv.indexOf('--out');
  const outArg = outIdx >= 0 ? argv[outIdx + 1] : undefined;
  const result = generateSamples({
    ...(outArg ? { outDir: resolve(outArg) } : {}),
    force,
    log: (s) => console.log(s),
  });
  if (result.skipped) {
    console.log(`sample DICOM up to date in ${result.outDir} (${result.ms.toFixed(0)} ms)`);
  } else {
    console.log(
      `sample DICOM written to ${result.outDir}: ${result.files} files, ${(result.bytes / 1048576).toFixed(1)} MiB in ${(result.ms / 1000).toFixed(1)} s`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
