import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

const ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
// Another apt/dpkg run (a parallel test file, the developer) may hold the lock: wait for it.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=300'];

/** apt-get with the lock wait; on an unknown package, refreshes the lists once and retries. */
function aptGet(args: readonly string[], cwd?: string): void {
  const run = () =>
    spawnSync('apt-get', [...LOCK_WAIT, ...args], { stdio: 'inherit', env: ENV, cwd });
  if (run().status === 0) return;
  execFileSync('apt-get', [...LOCK_WAIT, 'update', '-qq'], { stdio: 'inherit', env: ENV });
  const second = run();
  if (second.status !== 0)
    throw new Error(`apt-get ${args.join(' ')} failed (exit ${second.status})`);
}

/**
 * Makes a Debian package's command available for tests: installs it with apt-get when it is
 * missing and we run as root (CI and the dev machines do), otherwise fails with the command
 * the developer should run.
 */
export function ensureDebianPackage(
  command: string,
  debianPackages: readonly string[],
  /** Extra check for parts that are not a command (e.g. a plugin file of a second package). */
  isComplete: () => boolean = () => true,
): void {
  if (hasCommand(command) && isComplete()) return;
  const install = ['install', '-y', '-qq', '--no-install-recommends', ...debianPackages];
  if (!isRoot()) {
    throw new Error(
      `"${command}" is missing: run "sudo apt-get update && sudo apt-get ${install.join(' ')}"`,
    );
  }
  aptGet(install);
  if (!hasCommand(command) || !isComplete())
    throw new Error(`"${command}" is still missing after apt-get ${install.join(' ')}`);
}

/**
 * pydicom's ~160 real-world test files (big endian, implicit VR, RLE, JPEG-LS, truncated…),
 * unpacked from Debian's python3-pydicom package without installing it. Cached under
 * node_modules/.cache so later runs need no network.
 */
export function ensurePydicomTestFiles(): string {
  const cache = join(process.cwd(), 'node_modules/.cache/pydicom');
  const find = (): string | null => {
    const base = join(cache, 'usr/lib/python3/dist-packages/pydicom/data/test_files');
    return existsSync(join(base, 'MR_small.dcm')) ? base : null;
  };
  const found = find();
  if (found) return found;
  if (!isRoot() && !hasCommand('apt-get')) {
    throw new Error(
      'pydicom test files missing: run "apt-get download python3-pydicom" and unpack it',
    );
  }
  mkdirSync(cache, { recursive: true });
  aptGet(['download', 'python3-pydicom'], cache);
  const deb = readdirSync(cache).find((f) => f.startsWith('python3-pydicom') && f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download python3-pydicom produced no .deb');
  execFileSync('dpkg', ['-x', join(cache, deb), cache], { stdio: 'inherit' });
  const unpacked = find();
  if (!unpacked) throw new Error('python3-pydicom has no pydicom/data/test_files');
  return unpacked;
}
