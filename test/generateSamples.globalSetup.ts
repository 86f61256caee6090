import { execFileSync } from 'node:child_process';

/** Integration tests read the bundled sample patient: generate it first (a no-op when current). */
export function setup(): void {
  execFileSync('npx', ['tsx', 'sample-dicom/generate.ts'], { stdio: 'inherit' });
}
