/**
 * `liver-review measure` over three 512×512×300 CT dates, each with its reference DICOM SEG
 * (liver, spleen, 3–5 lesions), written to a temp dir, against reading the same bytes from
 * disk. Rows: the whole measurement in process (read + ingest + assemble + SEG → labelmap +
 * statistics + linking + response), its parts, and the command line as a child process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePatient } from '../src/cli/measurePatient.ts';
import { readInputFiles } from '../src/cli/readInputFiles.ts';
import { assembleVolume, ingestFiles } from '../src/dicom/index.ts';
import {
  findSourceSeries,
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
} from '../src/dicom/seg/index.ts';
import { ctSeriesFiles, type CtSeriesOptions } from '../sample-dicom/lib/ctSeries.ts';
import { CT_EXAMS, lesionsAt } from '../sample-dicom/lib/patient.ts';
import { createReferenceSegmentation } from '../sample-dicom/lib/segReference.ts';
import { collectGarbage, formatTable, machineInfo, measure, type Timing } from './measure.ts';

export const name = 'measure-cli';

const REPS = Number(process.env['BENCH_REPS'] ?? 7);
const CLI_REPS = Number(process.env['BENCH_CLI_REPS'] ?? 3);
const SIZE = 512;
const SLICES = 300;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Writes the three dates (CT + SEG) under dir; returns the number of files and bytes. */
function writeDates(dir: string): { files: number; bytes: number; segBytes: number } {
  let files = 0;
  let bytes = 0;
  let segBytes = 0;
  CT_EXAMS.forEach((exam, index) => {
    const studyKey = { patient: 9, study: index + 1 };
    const options: CtSeriesOptions = {
      rows: SIZE,
      columns: SIZE,
      slices: SLICES,
      pixelSpacingMm: 0.78125,
      sliceSpacingMm: 1,
      date: exam.date,
      storage: exam.storage,
      key: { ...studyKey, series: 2 },
    };
    const reference = createReferenceSegmentation(options, lesionsAt(exam.key), studyKey);
    const ctDir = path.join(dir, exam.date, 'ct');
    mkdirSync(ctDir, { recursive: true });
    const it = ctSeriesFiles(options, (k, stored) => reference.addSlice(k, stored));
    for (let step = it.next(); ; step = it.next()) {
      if (step.done) {
        const segFolder = path.join(exam.date, 'seg');
        mkdirSync(path.join(dir, segFolder), { recursive: true });
        const seg = reference.finish(step.value, segFolder, 'SEG0001.dcm');
        writeFileSync(path.join(dir, segFolder, seg.file.name), seg.file.bytes);
        files++;
        bytes += seg.file.bytes.length;
        segBytes += seg.file.bytes.length;
        break;
      }
      writeFileSync(path.join(ctDir, step.value.name), step.value.bytes);
      files++;
      bytes += step.value.bytes.length;
    }
  });
  return { files, bytes, segBytes };
}

function percentile95(t: Timing): number {
  const sorted = [...t.samplesMs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.ceil(0.95 * sorted.length)) - 1] ?? NaN;
}

export async function run(): Promise<object> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-measure-'));
  try {
    const started = performance.now();
    const written = writeDates(dir);
    console.log(
      `wrote ${written.files} files, ${(written.bytes / 2 ** 20).toFixed(0)} MiB (SEGs ${(written.segBytes / 2 ** 20).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // Page cache warm for every row: one untimed read first.
    readInputFiles([dir]);

    const read = measure('read the same files from disk', REPS, () => readInputFiles([dir]));
    let lastReport: unknown = null;
    const whole = measure('measure: read + everything (in process)', REPS, () => {
      const outcome = measurePatient(readInputFiles([dir]).files);
      if (!outcome.ok) throw new Error(outcome.error.message);
      lastReport = outcome.report;
      return outcome;
    });

    // The parts, on files already in memory.
    const files = readInputFiles([dir]).files;
    const ingest = measure('  ingestFiles (903 files)', REPS, () => ingestFiles(files));
    const patient = ingestFiles(files).patients[0]!;
    const allSeries = patient.studies.flatMap((s) => s.series);
    const segs = allSeries
      .filter((s) => s.kind === 'seg')
      .map((s) => {
        const parsed = parseSegmentation({
          name: s.instances[0]!.file,
          bytes: s.instances[0]!.bytes,
        });
        if (!parsed.ok) throw new Error(parsed.error.message);
        return parsed.value;
      });
    const sources = segs.map((seg) => findSourceSeries(seg, allSeries)!.series);
    const assemble = measure('  assembleVolume × 3', REPS, () =>
      sources.map((s) => assembleVolume(s)),
    );
    const segToLabels = measure('  SEG parse + labelmap × 3', REPS, () =>
      segs.map((seg, i) => {
        const reparsed = parseSegmentation({ name: seg.file, bytes: seg.bytes });
        if (!reparsed.ok) throw new Error(reparsed.error.message);
        return segmentationToLabelmap(reparsed.value, segTargetFromSeries(sources[i]!)!);
      }),
    );
    collectGarbage();

    const cliRuns: number[] = [];
    const launcher = path.join(here, '..', 'src', 'cli', 'liver-review.mjs');
    // The report goes outside the measured folder (else the next run reads it as a stray file).
    const reportPath = `${dir}-report.json`;
    for (let i = 0; i < CLI_REPS; i++) {
      const t0 = performance.now();
      const child = spawnSync(process.execPath, [launcher, 'measure', dir, '--out', reportPath], {
        encoding: 'utf8',
      });
      cliRuns.push(performance.now() - t0);
      if (child.status !== 0) throw new Error(`CLI exited ${child.status}: ${child.stderr}`);
    }
    const cli: Timing = {
      label: 'CLI child process (node + tsx + measure)',
      runs: CLI_REPS,
      medianMs: [...cliRuns].sort((a, b) => a - b)[Math.floor(CLI_REPS / 2)] ?? NaN,
      p90Ms: Math.max(...cliRuns),
      minMs: Math.min(...cliRuns),
      samplesMs: cliRuns.map((ms) => Number(ms.toFixed(1))),
    };
    const cliReport = JSON.parse(readFileSync(reportPath, 'utf8')) as unknown;
    const sameReport = JSON.stringify(cliReport) === JSON.stringify(lastReport);

    const rows = [read, whole, ingest, assemble, segToLabels, cli];
    console.log(
      formatTable([
        ['ms', 'median', 'p95', 'min', '÷ read'],
        ...rows.map((t) => [
          t.label,
          t.medianMs.toFixed(0),
          percentile95(t).toFixed(0),
          t.minMs.toFixed(0),
          (t.medianMs / read.medianMs).toFixed(2),
        ]),
      ]),
    );
    console.log(`CLI report = in-process report: ${sameReport}`);
    return {
      machine: machineInfo(),
      loadAverage: os.loadavg(),
      data: { ...written, dates: 3, size: `${SIZE}×${SIZE}×${SLICES}` },
      timings: rows.map((t) => ({ ...t, p95Ms: percentile95(t) })),
      ratios: {
        measureOverRead: whole.medianMs / read.medianMs,
        cliOverRead: cli.medianMs / read.medianMs,
      },
      sameReport,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-report.json`, { force: true });
  }
}
