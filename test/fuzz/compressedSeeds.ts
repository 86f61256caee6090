/**
 * Compressed seeds and controls of the hostile-file corpus, made by independent encoders
 * (dcmtk, GDCM, OpenJPH; test/support/compressedDicom.ts): a small 16-bit gradient slice and a
 * 512×512 sample CT slice in JPEG-LS, JPEG 2000, JPEG Lossless and HTJ2K. The corpus mutates
 * them (corrupt codestreams among other things); the controls are decoded after every mutant,
 * so a codec left broken by a corrupt frame shows as a control that no longer decodes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeSlice } from '../../src/dicom/__tests__/fixtures.ts';
import { ingestFiles, type InputFile } from '../../src/dicom/index.ts';
import {
  encapsulate,
  encodeHtj2k,
  ensureEncoders,
  HTJ2K_LOSSLESS,
  tempDir,
  transcode,
} from '../support/compressedDicom.ts';

const ENCODINGS = [
  ['jpeg-ls', 'dcmcjpls', ['+el']],
  ['j2k', 'gdcmconv', ['--j2k']],
  ['jpeg-lossless', 'dcmcjpeg', ['+e1']],
] as const;

function htj2k(file: string, dir: string): Uint8Array {
  const original = new Uint8Array(fs.readFileSync(file));
  const instance = ingestFiles([{ name: 'x', bytes: original }]).patients[0]?.studies[0]?.series[0]
    ?.instances[0];
  const ref = instance?.pixelData;
  if (!instance || !ref || ref.encapsulated) throw new Error(`${file}: native pixels expected`);
  const stored = new Uint16Array(
    original.slice(ref.byteOffset, ref.byteOffset + ref.byteLength).buffer,
  );
  const size = { rows: instance.rows, columns: instance.columns, bitsStored: instance.bitsStored };
  return encapsulate(original, HTJ2K_LOSSLESS, [encodeHtj2k(stored, size, dir, true)]);
}

/** Every encoding of one native file, named `<prefix>-<encoding>.dcm`. */
function encodeAll(file: string, prefix: string, dir: string): InputFile[] {
  return [
    ...ENCODINGS.map(([name, tool, args]) => ({
      name: `${prefix}-${name}.dcm`,
      bytes: transcode(tool, [...args], file, dir),
    })),
    { name: `${prefix}-htj2k.dcm`, bytes: htj2k(file, dir) },
  ];
}

export function compressedSeeds(sampleCtSlice: string): {
  seeds: InputFile[];
  controls: InputFile[];
} {
  ensureEncoders();
  const dir = tempDir();
  try {
    // Unsigned 12-bit stored values, as CT scanners write them.
    const pixels = Array.from(
      { length: 64 * 64 },
      (_, i) => ((i % 64) * 61 + (i >> 6) * 17) % 4096,
    );
    const gradient = path.join(dir, 'gradient.dcm');
    fs.writeFileSync(
      gradient,
      makeSlice({
        rows: 64,
        columns: 64,
        pixels,
        bitsStored: 12,
        pixelRepresentation: 0,
        rescaleIntercept: -1024,
      }).bytes,
    );
    const small = encodeAll(gradient, 'gradient', dir);
    const ct = encodeAll(sampleCtSlice, 'ct', dir);
    const controls = small.filter((f) => /jpeg-ls|j2k\./.test(f.name));
    return { seeds: [...small, ...ct], controls };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
