import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleVolume, ingestFiles, type InputFile } from '../src/dicom';
import { ensurePydicomTestFiles } from './support/ensureDebianPackage';

// pydicom's ~160 real-world test files (big endian, implicit VR, RLE, JPEG-LS, truncated,
// DICOMDIR…), unpacked from Debian's python3-pydicom on first use.
const root = ensurePydicomTestFiles();

function readTree(dir: string): InputFile[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return readTree(full);
    return [{ name: path.relative(root, full), bytes: new Uint8Array(fs.readFileSync(full)) }];
  });
}

function voxelsOf(name: string): number[] {
  const result = ingestFiles([
    { name, bytes: new Uint8Array(fs.readFileSync(path.join(root, name))) },
  ]);
  const series = result.patients[0]?.studies[0]?.series[0];
  if (!series) throw new Error(`${name}: ${JSON.stringify(result.rejected)}`);
  const volume = assembleVolume(series);
  if (!volume.ok) throw new Error(`${name}: ${volume.error.message}`);
  return Array.from(volume.value.data);
}

describe('ingestFiles on pydicom test files', () => {
  it('never throws and accounts for every file', () => {
    const files = readTree(root);
    const result = ingestFiles(files);
    const kept = result.patients.flatMap((p) =>
      p.studies.flatMap((s) => s.series.flatMap((x) => x.instances)),
    );
    const duplicates = result.warnings.filter((w) => w.code === 'DUPLICATE_INSTANCE').length;
    expect(kept.length + result.rejected.length + duplicates).toBe(files.length);
    expect(result.rejected.find((r) => r.file === 'MR_truncated.dcm')?.error.code).toBe(
      'TRUNCATED',
    );
  });

  it('decodes the same MR image identically from explicit LE, implicit, big endian and RLE', () => {
    const reference = voxelsOf('MR_small.dcm');
    for (const variant of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm']) {
      expect(voxelsOf(variant)).toEqual(reference);
    }
  });
});
