import { execFileSync, spawnSync } from 'node:child_process';

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

let aptUpdated = false;

/**
 * Makes a Debian package's command available for tests: installs it with apt-get when it is
 * missing and we run as root (CI and the dev machines do), otherwise fails with the command
 * the developer should run.
 */
export function ensureDebianPackage(command: string, debianPackages: readonly string[]): void {
  if (hasCommand(command)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const install = `apt-get install -y --no-install-recommends ${debianPackages.join(' ')}`;
  if (!isRoot) {
    throw new Error(`"${command}" is missing: run "sudo apt-get update && sudo ${install}"`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execFileSync('sh', ['-c', `${install} -qq`], { stdio: 'inherit', env });
  if (!hasCommand(command)) throw new Error(`"${command}" is still missing after ${install}`);
}
