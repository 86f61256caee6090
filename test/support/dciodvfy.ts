/**
 * dciodvfy (dicom3tools) as a test oracle for the DICOM we write.
 *
 * Rule (platform notes): a file passes when `dciodvfy -new FILE` exits 0 and prints no line
 * starting with "Error". Warnings are reported but do not fail. dciodvfy writes to stderr and
 * aborts (exit 134) on some malformed inputs, which counts as a failure.
 */
import { spawnSync } from 'node:child_process';
import { ensureDebianPackage } from './ensureDebianPackage';

export interface DciodvfyResult {
  ok: boolean;
  errors: string[];
  warnings: string[];
  exitCode: number | null;
  /** Full combined output, for failure messages. */
  output: string;
}

/**
 * Makes sure `dciodvfy` is on PATH: as root, installs Debian's dicom3tools; otherwise throws
 * naming the command to run.
 */
export function ensureDciodvfy(): void {
  ensureDebianPackage('dciodvfy', ['dicom3tools']);
}

/** Runs `dciodvfy -new path` and applies the pass rule. */
export function validateDicomFile(path: string): DciodvfyResult {
  ensureDciodvfy();
  const run = spawnSync('dciodvfy', ['-new', path], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const lines = output.split(/\r?\n/);
  const errors = lines.filter((l) => l.startsWith('Error'));
  const warnings = lines.filter((l) => l.startsWith('Warning'));
  const exitCode = run.status;
  if (exitCode !== 0 && errors.length === 0) {
    errors.push(
      `dciodvfy exited with ${exitCode ?? `signal ${run.signal ?? '?'}`} without an Error line`,
    );
  }
  return { ok: exitCode === 0 && errors.length === 0, errors, warnings, exitCode, output };
}
