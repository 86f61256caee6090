/**
 * Writes the whole sample patient to an output folder: one folder per study and series, plus
 * manifest.json, truth.json and a stamp (.stamp.json) that makes re-runs a no-op while the
 * generator sources and options are unchanged. A lock file (.lock) serialises concurrent runs.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPhantom } from './checks.ts';
import { ctSeriesFiles, type CtSeriesOptions } from './ctSeries.ts';
import { buildLocalizer } from './localizer.ts';
import { MR_SEQUENCES, mrSeriesFiles } from './mrSeries.ts';
import { CT_EXAMS, lesionParts, lesionsAt, PATIENT, type CtExam } from './patient.ts';
import {
  createReferenceSegmentation,
  SEG_SERIES_DESCRIPTION,
  SEG_SERIES_NUMBER,
  type TruthSegmentation,
} from './segReference.ts';
import { fileName, type GeneratedFile, type SeriesGeometry } from './series.ts';
import { buildTruth, type TruthSeries } from './truth.ts';

/** Bump when the output changes in a way the source hash would not catch. */
export const GENERATOR_VERSION = 1;

const LIB_DIR = dirname(fileURLToPath(import.meta.url));
export const SAMPLE_DIR = dirname(LIB_DIR);
export const DEFAULT_OUT_DIR = join(SAMPLE_DIR, 'out');

export interface Manifest {
  version: 1;
  patients: { patientId: string; patientName: string; files: string[] }[];
}

export interface GenerateResult {
  skipped: boolean;
  outDir: string;
  files: number;
  bytes: number;
  ms: number;
}

/** Hash of everything that determines the output: generator sources, writers, dcmjs version. */
export function generatorHash(): string {
  const h = createHash('sha256');
  h.update(`v${GENERATOR_VERSION}\n`);
  const sources = readdirSync(LIB_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(LIB_DIR, f));
  sources.push(join(SAMPLE_DIR, '..', 'src', 'dicom', 'write', 'writePart10.ts'));
  // The SEG writer (src/dicom/seg, its non-test sources) writes the reference segmentations.
  const segDir = join(SAMPLE_DIR, '..', 'src', 'dicom', 'seg');
  if (existsSync(segDir))
    for (const f of readdirSync(segDir)
      .filter((x) => x.endsWith('.ts'))
      .sort())
      sources.push(join(segDir, f));
  for (const f of sources) {
    h.update(f.slice(SAMPLE_DIR.length));
    h.update(existsSync(f) ? readFileSync(f) : 'missing');
  }
  try {
    const pkg = JSON.parse(
      readFileSync(join(SAMPLE_DIR, '..', 'node_modules', 'dcmjs', 'package.json'), 'utf8'),
    ) as { version?: string };
    h.update(`dcmjs ${pkg.version ?? '?'}`);
  } catch {
    h.update('dcmjs ?');
  }
  return h.digest('hex').slice(0, 32);
}

interface Stamp {
  generatorVersion: number;
  hash: string;
}

/** True when outDir holds a complete, current generation (stamp matches and every file exists). */
export function isCurrent(outDir: string, hash = generatorHash()): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, '.stamp.json'), 'utf8')) as Stamp;
    if (stamp.hash !== hash || stamp.generatorVersion !== GENERATOR_VERSION) return false;
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    if (!existsSync(join(outDir, 'truth.json'))) return false;
    for (const p of manifest.patients)
      for (const f of p.files) if (!statSync(join(outDir, f)).isFile()) return false;
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes outDir/.lock (waits for a live holder, steals a dead one). Returns a release function. */
function lock(outDir: string, timeoutMs = 300_000): () => void {
  const path = join(outDir, '.lock');
  const start = performance.now();
  let emptyReads = 0;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let text: string;
      try {
        text = readFileSync(path, 'utf8').trim();
      } catch {
        continue; // released meanwhile
      }
      const holder = Number(text);
      // An empty file is a holder that has not written its pid yet (unless it stays empty ~10 s).
      emptyReads = text === '' ? emptyReads + 1 : 0;
      const dead =
        text === ''
          ? emptyReads > 50
          : !Number.isInteger(holder) || holder <= 0 || !pidAlive(holder);
      if (dead) {
        rmSync(path, { force: true });
        continue;
      }
      if (performance.now() - start > timeoutMs)
        throw new Error(`sample generator: ${path} held by pid ${holder}`, { cause: e });
      sleep(200);
    }
  }
}

/** Options of the axial series written for a sample CT exam (exported so tests can re-render slices). */
export function ctExamOptions(exam: CtExam): CtSeriesOptions & { seriesDescription: string } {
  return {
    rows: exam.rows,
    columns: exam.columns,
    slices: exam.slices,
    pixelSpacingMm: exam.pixelSpacingMm,
    sliceSpacingMm: exam.sliceSpacingMm,
    date: exam.date,
    time: exam.time,
    storage: exam.storage,
    key: { patient: PATIENT.patientNumber, study: exam.studyNumber, series: 2 },
    accession: exam.accession,
    studyDescription: 'CT ABDOMEN PELVIS WITH CONTRAST',
    seriesDescription: `Abdomen PV ${exam.sliceSpacingMm}mm`,
  };
}

export function localizerOptions(exam: CtExam): CtSeriesOptions {
  return {
    ...ctExamOptions(exam),
    key: { patient: PATIENT.patientNumber, study: exam.studyNumber, series: 1 },
    seriesDescription: 'Topogram',
  };
}

function folderName(n: number, description: string): string {
  return `${String(n).padStart(2, '0')}_${description.replace(/[^A-Za-z0-9.]+/g, '_').replace(/_+$/, '')}`;
}

function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

function drain(
  it: Generator<GeneratedFile, SeriesGeometry>,
  onFile: (f: GeneratedFile) => void,
): SeriesGeometry {
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    onFile(step.value);
  }
}

/** Generates the sample patient into outDir unless it is already current (or force is set). */
export function generateSamples(
  opts: { outDir?: string; force?: boolean; log?: (s: string) => void } = {},
): GenerateResult {
  const t0 = performance.now();
  const outDir = opts.outDir ?? DEFAULT_OUT_DIR;
  const log = opts.log ?? (() => {});
  const hash = generatorHash();
  if (!opts.force && isCurrent(outDir, hash)) {
    return { skipped: true, outDir, files: 0, bytes: 0, ms: performance.now() - t0 };
  }
  mkdirSync(outDir, { recursive: true });
  const release = lock(outDir);
  try {
    // Another process may have finished the job while we waited for the lock.
    if (!opts.force && isCurrent(outDir, hash)) {
      return { skipped: true, outDir, files: 0, bytes: 0, ms: performance.now() - t0 };
    }
    const errors = checkPhantom(lesionParts);
    if (errors.length) throw new Error(`phantom self-check failed:\n${errors.join('\n')}`);
    for (const entry of readdirSync(outDir))
      if (entry !== '.lock') rmSync(join(outDir, entry), { recursive: true, force: true });

    const files: string[] = [];
    const series: TruthSeries[] = [];
    const segmentations = new Map<string, TruthSegmentation>();
    let bytes = 0;
    const patientDir = PATIENT.id;
    const writeSeries = (
      studyFolder: string,
      seriesNumber: number,
      description: string,
      run: (onFile: (f: GeneratedFile) => void) => SeriesGeometry,
    ) => {
      const folder = posix.join(patientDir, studyFolder, folderName(seriesNumber, description));
      mkdirSync(join(outDir, folder), { recursive: true });
      const names: string[] = [];
      const geometry = run((f) => {
        writeAtomic(join(outDir, folder, f.name), f.bytes);
        bytes += f.bytes.length;
        names.push(f.name);
        files.push(posix.join(folder, f.name));
      });
      series.push({
        ...geometry,
        folder,
        files: names.length,
        firstFile: names[0] ?? '',
        lastFile: names[names.length - 1] ?? '',
      });
      log(`  ${folder}: ${names.length} files`);
    };

    const studies: { date: string; write: () => void }[] = [];
    for (const exam of CT_EXAMS) {
      studies.push({
        date: exam.date,
        write: () => {
          const studyFolder = `${exam.date}_CT`;
          const options = ctExamOptions(exam);
          if (exam.withLocalizer) {
            writeSeries(studyFolder, 1, 'Topogram', (onFile) => {
              const loc = buildLocalizer(localizerOptions(exam));
              onFile(loc.file);
              return loc.geometry;
            });
          }
          const studyKey = { patient: PATIENT.patientNumber, study: exam.studyNumber };
          const reference = createReferenceSegmentation(options, lesionsAt(exam.key), studyKey);
          let ct: SeriesGeometry | undefined;
          writeSeries(studyFolder, 2, options.seriesDescription ?? '', (onFile) => {
            ct = drain(
              ctSeriesFiles(options, (k, stored) => reference.addSlice(k, stored)),
              onFile,
            );
            return ct;
          });
          if (!ct) throw new Error('sample generator: CT geometry missing');
          // The reference SEG of the date, beside the CT (not an image series: not in series[]).
          const folder = posix.join(
            patientDir,
            studyFolder,
            folderName(SEG_SERIES_NUMBER, SEG_SERIES_DESCRIPTION),
          );
          mkdirSync(join(outDir, folder), { recursive: true });
          const seg = reference.finish(ct, folder, fileName(1));
          writeAtomic(join(outDir, folder, seg.file.name), seg.file.bytes);
          bytes += seg.file.bytes.length;
          files.push(seg.truth.file);
          segmentations.set(exam.date, seg.truth);
          log(`  ${folder}: 1 file (${seg.truth.frames} frames)`);
        },
      });
    }
    studies.push({
      date: '20240726',
      write: () => {
        for (const seq of MR_SEQUENCES) {
          writeSeries('20240726_MR', seq.seriesNumber, seq.description, (onFile) =>
            drain(mrSeriesFiles(seq), onFile),
          );
        }
      },
    });
    studies.sort((a, b) => a.date.localeCompare(b.date));
    for (const s of studies) s.write();

    const manifest: Manifest = {
      version: 1,
      patients: [{ patientId: PATIENT.id, patientName: PATIENT.name, files }],
    };
    writeAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const truth = buildTruth(series, { version: GENERATOR_VERSION, hash }, segmentations);
    writeAtomic(join(outDir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
    const stamp: Stamp = { generatorVersion: GENERATOR_VERSION, hash };
    writeAtomic(join(outDir, '.stamp.json'), `${JSON.stringify(stamp)}\n`);
    return { skipped: false, outDir, files: files.length, bytes, ms: performance.now() - t0 };
  } finally {
    release();
  }
}
