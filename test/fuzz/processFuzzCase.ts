/**
 * One corpus file through the two paths a radiologist's files take: the browser's ingest
 * worker code (ingestFiles, summaries, assembleVolume of every series, display volume) with two
 * good files beside it, and `liver-review measure` (runCli over a folder on disk). Any
 * exception escaping either path is a crash; an error without a known code, a message or a
 * sane byte offset, or a good file that no longer loads identically, is a violation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/main.ts';
import {
  summarisePatients,
  toDisplayVolume,
  toLoadProblems,
} from '../../src/datasource/summarise.ts';
import {
  createCodecDecoders,
  type CodecDecoders,
} from '../../src/datasource/codecs/createCodecDecoders.ts';
import {
  assembleVolume,
  getDefaultFrameDecoders,
  INGEST_ERROR_CODES,
  ingestFiles,
  type IngestError,
  type InputFile,
  type IngestResult,
  type Series,
} from '../../src/dicom/index.ts';

export interface CaseInput {
  name: string;
  bytes: Uint8Array;
  /** Measure-path case: replaces this file of the CLI fixture. */
  cliIndex?: number;
}

export interface CaseResult {
  timeMs: number;
  /** Peak of V8 heap used + ArrayBuffer memory above the value before the case (upper bound). */
  memoryBytes: number;
  /** The file's own fate in ingest: its error code, or 'LOADED'. */
  outcome: string;
  /** The file's error carried a byte offset. */
  hasOffset: boolean;
  /** Codes of volume assemblies that failed (series the file belongs to). */
  assembleCodes: string[];
  cliExit: number | null;
  violations: string[];
  crash: string | null;
}

export interface CaseContext {
  controls: InputFile[];
  /** Checksum of each control's volume when loaded alone. */
  baselines: Map<string, string>;
  cliFixture: InputFile[];
  ingestDir: string;
  cliDir: string;
  /** The codecs, loaded as the ingest worker loads them: before each assembly that needs one. */
  codecs: CodecDecoders;
}

/** What the ingest worker does before assembling a series: make its codecs ready. */
async function prepareDecoders(ctx: CaseContext, series: Series): Promise<void> {
  await ctx.codecs.prepare(
    series.instances.map((i) => i.transferSyntaxUid),
    getDefaultFrameDecoders(),
  );
}

function checksum(data: ArrayBufferView, dims: readonly number[]): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  return `${dims.join('x')}:${(h >>> 0).toString(16)}`;
}

function allSeries(result: IngestResult): { series: Series; studyUid: string }[] {
  return result.patients.flatMap((p) =>
    p.studies.flatMap((s) => s.series.map((series) => ({ series, studyUid: s.studyInstanceUid }))),
  );
}

function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}\n${thrown.stack ?? ''}`;
  try {
    return `non-Error thrown: ${JSON.stringify(thrown)}`;
  } catch {
    return `non-Error thrown: ${String(thrown)}`;
  }
}

/** Problems with an error that should be typed: code, message, offset inside the file. */
export function checkTypedError(error: IngestError, fileLength: number | null): string[] {
  const problems: string[] = [];
  if (!INGEST_ERROR_CODES.has(error.code)) problems.push(`unknown code ${String(error.code)}`);
  if (typeof error.message !== 'string' || error.message.trim() === '')
    problems.push(`empty message (${error.code})`);
  if (error.byteOffset !== undefined) {
    const offset = error.byteOffset;
    if (!Number.isInteger(offset) || offset < 0 || (fileLength !== null && offset > fileLength))
      problems.push(`byteOffset ${offset} outside the file (${fileLength} bytes, ${error.code})`);
  }
  return problems;
}

function writeFile(root: string, file: InputFile): void {
  const path = join(root, file.name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.bytes);
}

/**
 * Loads each control alone (its baseline) and lays out, under `root`, the folders the CLI
 * reads.
 */
export async function prepareCaseContext(
  controls: InputFile[],
  cliFixture: InputFile[],
  root: string,
): Promise<CaseContext> {
  const baselines = new Map<string, string>();
  const codecs = createCodecDecoders();
  for (const control of controls) {
    const result = ingestFiles([control]);
    const entry = allSeries(result)[0];
    if (!entry)
      throw new Error(`control ${control.name} does not load: ${JSON.stringify(result.rejected)}`);
    await codecs.prepare(
      entry.series.instances.map((i) => i.transferSyntaxUid),
      getDefaultFrameDecoders(),
    );
    const volume = assembleVolume(entry.series);
    if (!volume.ok) throw new Error(`control ${control.name}: ${volume.error.message}`);
    baselines.set(control.name, checksum(volume.value.data, volume.value.geometry.dimensions));
  }
  const ingestDir = join(root, 'ingest');
  for (const control of controls) writeFile(ingestDir, control);
  const cliDir = join(root, 'measure');
  for (const file of cliFixture) writeFile(cliDir, file);
  return { controls, baselines, cliFixture, ingestDir, cliDir, codecs };
}

function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs one file through ingest (with the controls) and through `liver-review measure`. */
export async function processFuzzCase(ctx: CaseContext, input: CaseInput): Promise<CaseResult> {
  const start = performance.now();
  const before = memoryInUse();
  let peak = before;
  const sample = (): void => {
    const now = memoryInUse();
    if (now > peak) peak = now;
  };
  const violations: string[] = [];
  const assembleCodes: string[] = [];
  let outcome = 'LOADED';
  let hasOffset = false;
  let crash: string | null = null;
  let cliExit: number | null = null;
  const mutant: InputFile = { name: input.name, bytes: input.bytes };
  const companions =
    input.cliIndex === undefined
      ? ctx.controls
      : [...ctx.cliFixture.filter((_, i) => i !== input.cliIndex), ...ctx.controls];
  const files = [mutant, ...companions];
  const lengths = new Map(files.map((f) => [f.name, f.bytes.length]));

  try {
    const result = ingestFiles(files);
    summarisePatients(result);
    toLoadProblems(result);
    sample();
    for (const entry of result.rejected) {
      for (const p of checkTypedError(entry.error, lengths.get(entry.file) ?? null))
        violations.push(`${entry.file}: ${p}`);
      if (entry.file === mutant.name) {
        outcome = entry.error.code;
        hasOffset = entry.error.byteOffset !== undefined;
      } else if (ctx.baselines.has(entry.file)) {
        violations.push(
          `control ${entry.file} rejected: ${entry.error.code} ${entry.error.message}`,
        );
      }
    }
    // The mutant's series first, so a failing decode precedes the controls' decodes.
    const entries = allSeries(result).sort(
      (a, b) =>
        Number(b.series.instances.some((i) => i.file === mutant.name)) -
        Number(a.series.instances.some((i) => i.file === mutant.name)),
    );
    const seen = new Set<string>();
    for (const { series, studyUid } of entries) {
      if (series.frames.length === 0) continue;
      await prepareDecoders(ctx, series);
      const volume = assembleVolume(series);
      sample();
      const control = series.instances.find((i) => ctx.baselines.has(i.file));
      if (!volume.ok) {
        for (const p of checkTypedError(volume.error, null)) violations.push(`assemble: ${p}`);
        if (series.instances.some((i) => i.file === mutant.name))
          assembleCodes.push(volume.error.code);
        if (control)
          violations.push(`control ${control.file} no longer assembles: ${volume.error.code}`);
        continue;
      }
      toDisplayVolume(series, volume.value, studyUid);
      if (control) {
        seen.add(control.file);
        const sum = checksum(volume.value.data, volume.value.geometry.dimensions);
        if (series.instances.length === 1 && sum !== ctx.baselines.get(control.file))
          violations.push(`control ${control.file} decodes differently after the mutant`);
      }
    }
    for (const name of ctx.baselines.keys())
      if (!seen.has(name)) violations.push(`control ${name} did not load beside the mutant`);
  } catch (thrown) {
    crash = `ingest: ${describeThrown(thrown)}`;
  }

  try {
    let dir = ctx.ingestDir;
    let restore: InputFile | null = null;
    if (input.cliIndex === undefined) {
      writeFile(dir, { name: 'mutant.dcm', bytes: input.bytes });
    } else {
      dir = ctx.cliDir;
      restore = ctx.cliFixture[input.cliIndex] ?? null;
      if (restore) writeFile(dir, { name: restore.name, bytes: input.bytes });
    }
    try {
      const ignore = (): void => undefined;
      cliExit = runCli(['measure', dir], { stdout: ignore, stderr: ignore, cwd: dir });
      if (cliExit !== 0 && cliExit !== 3) violations.push(`measure exited ${cliExit}`);
    } finally {
      if (restore) writeFile(dir, restore);
    }
    sample();
  } catch (thrown) {
    crash = `${crash ? `${crash}\n` : ''}measure: ${describeThrown(thrown)}`;
  }
  return {
    timeMs: performance.now() - start,
    memoryBytes: Math.max(0, peak - before),
    outcome,
    hasOffset,
    assembleCodes,
    cliExit,
    violations,
    crash,
  };
}
