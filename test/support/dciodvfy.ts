/**
 * dciodvfy (dicom3tools) as a test oracle for the DICOM we write.
 *
 * Rule (platform notes): a file passes when `dciodvfy -new FILE` exits 0 and prints no line
 * starting with "Error". Warnings are reported but do not fail. dciodvfy writes to stderr and
 * aborts (exit 134) on some malformed inputs, which counts as a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export interface DciodvfyResult {
  ok: boolean;
  errors: string[];
  warnings: string[];
  exitCode: number | null;
  /** Full combined output, for failure messages. */
  output: string;
}

function hasDciodvfy(): boolean {
  return spawnSync('sh', ['-c', 'command -v dciodvfy'], { stdio: 'ignore' }).status === 0;
}

let ensured = false;

/**
 * Makes sure `dciodvfy` is on PATH. As root, installs Debian's dicom3tools (waiting up to 5 min
 * for a concurrent apt/dpkg run to release its lock, running apt-get update if the package is
 * unknown); otherwise throws naming the command to run.
 */
export function ensureDciodvfy(): void {
  if (ensured || hasDciodvfy()) {
    ensured = true;
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      'dciodvfy is missing: run "sudo apt-get update && sudo apt-get install -y dicom3tools"',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  const install = () =>
    spawnSync(
      'apt-get',
      [...lockWait, 'install', '-y', '-qq', '--no-install-recommends', 'dicom3tools'],
      { stdio: 'inherit', env },
    );
  if (install().status !== 0 || !hasDciodvfy()) {
    execFileSync('apt-get', [...lockWait, 'update', '-qq'], { stdio: 'inherit', env });
    const second = install();
    if (second.status !== 0)
      throw new Error(`apt-get install -y dicom3tools failed (exit ${second.status})`);
  }
  if (!hasDciodvfy())
    throw new Error('dciodvfy still missing after "apt-get install -y dicom3tools"');
  ensured = true;
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
