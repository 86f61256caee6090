import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assembleVolume,
  createFrameDecoderRegistry,
  ingestFiles,
  type FrameDecoderRegistry,
  type InputFile,
  type Result,
  type Volume,
} from '../src/dicom';
import { createCodecDecoders } from '../src/datasource/codecs/createCodecDecoders';
import { makeSlice } from '../src/dicom/__tests__/fixtures';
import {
  encapsulate,
  encodeHtj2k,
  ensureEncoders,
  HTJ2K,
  HTJ2K_LOSSLESS,
  tempDir,
  transcode,
} from './support/compressedDicom';
import { ensurePydicomTestFiles } from './support/ensureDebianPackage';

const SAMPLE_CT = path.join(
  process.cwd(),
  'sample-dicom/out/LLR-SAMPLE-004/20241007_CT/02_Abdomen_PV_5mm',
);
// Three neighbouring 512×512 slices of the sample CT: 12 bits stored, unsigned, intercept −1024.
const SLICES = ['IM0010.dcm', 'IM0011.dcm', 'IM0012.dcm'].map((f) => path.join(SAMPLE_CT, f));

const codecs = createCodecDecoders();
let dir = '';

beforeAll(() => {
  ensureEncoders();
  dir = tempDir();
});

async function assemble(
  files: InputFile[],
  registry?: FrameDecoderRegistry,
): Promise<Result<Volume>> {
  const result = ingestFiles(files);
  const series = result.patients[0]?.studies[0]?.series.find((s) => s.frames.length > 0);
  if (!series) throw new Error(`not ingested: ${JSON.stringify(result.rejected)}`);
  const decoders = registry ?? createFrameDecoderRegistry();
  await codecs.prepare(
    series.instances.map((i) => i.transferSyntaxUid),
    decoders,
  );
  return assembleVolume(series, { decoders });
}

async function voxels(files: InputFile[], registry?: FrameDecoderRegistry): Promise<number[]> {
  const volume = await assemble(files, registry);
  if (!volume.ok) throw new Error(`${volume.error.code}: ${volume.error.message}`);
  return Array.from(volume.value.data);
}

const read = (file: string): InputFile => ({
  name: path.basename(file),
  bytes: new Uint8Array(fs.readFileSync(file)),
});

function transcodeSlices(tool: string, args: string[]): InputFile[] {
  return SLICES.map((file) => ({
    name: path.basename(file),
    bytes: transcode(tool, args, file, dir),
  }));
}

function maxAbsDifference(a: readonly number[], b: readonly number[]): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? NaN)));
  return max;
}

function meanAbsDifference(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe('compressed transfer syntaxes, against the uncompressed original', () => {
  const original = async (): Promise<number[]> => voxels(SLICES.map(read));

  it.each([
    ['JPEG Lossless SV1 (.70), dcmcjpeg +e1', 'dcmcjpeg', ['+e1']],
    ['JPEG Lossless (.57), dcmcjpeg +el', 'dcmcjpeg', ['+el']],
    ['JPEG-LS Lossless (.80), dcmcjpls +el', 'dcmcjpls', ['+el']],
    ['JPEG 2000 Lossless (.90), gdcmconv --j2k', 'gdcmconv', ['--j2k']],
  ])('%s decodes voxel-identical', async (_label, tool, args) => {
    const files = transcodeSlices(tool, args);
    expect(files[0]?.bytes.length).toBeLessThan(fs.statSync(SLICES[0] ?? '').size);
    expect(await voxels(files)).toEqual(await original());
  });

  it('JPEG-LS near-lossless (.81, NEAR = 2) stays within ±2 of every stored value', async () => {
    const files = transcodeSlices('dcmcjpls', ['+en', '+md', '2']);
    expect(maxAbsDifference(await voxels(files), await original())).toBeLessThanOrEqual(2);
  });

  it('JPEG 2000 lossy (.91, gdcmconv rate 4) stays close to the original', async () => {
    const files = transcodeSlices('gdcmconv', ['--j2k', '--lossy', '-r', '4']);
    const decoded = await voxels(files);
    const reference = await original();
    expect(decoded.length).toBe(reference.length);
    // 4:1 on 12-bit CT: a few HU on average, never a wholesale error.
    expect(meanAbsDifference(decoded, reference)).toBeLessThan(20);
  });

  it('HTJ2K lossless (.201) and lossy (.203) from OpenJPH decode to the stored values', async () => {
    const files = SLICES.map(read);
    const reference = await original();
    for (const [uid, reversible] of [
      [HTJ2K_LOSSLESS, true],
      [HTJ2K, false],
    ] as const) {
      const encoded = files.map((file) => {
        const result = ingestFiles([file]);
        const instance = result.patients[0]?.studies[0]?.series[0]?.instances[0];
        const ref = instance?.pixelData;
        if (!instance || !ref || ref.encapsulated) throw new Error('native slice expected');
        const stored = new Uint16Array(
          file.bytes.slice(ref.byteOffset, ref.byteOffset + ref.byteLength).buffer,
        );
        const j2c = encodeHtj2k(
          stored,
          { rows: 512, columns: 512, bitsStored: 12 },
          dir,
          reversible,
        );
        return { name: file.name, bytes: encapsulate(file.bytes, uid, [j2c]) };
      });
      const decoded = await voxels(encoded);
      if (reversible) expect(decoded).toEqual(reference);
      else expect(meanAbsDifference(decoded, reference)).toBeLessThan(5);
    }
  });

  it('JPEG baseline (.50, dcmcjpeg +eb) of an 8-bit image stays within a few grey levels', async () => {
    // A 64×64 gradient, 8 bits (baseline JPEG is 8-bit only), 0..126 so signed or not alike.
    const pixels = Array.from({ length: 64 * 64 }, (_, i) => (i % 64) + Math.floor(i / 64));
    const slice = makeSlice({
      rows: 64,
      columns: 64,
      bitsAllocated: 8,
      pixels,
      position: [0, 0, 0],
    });
    const input = path.join(dir, 'gradient8.dcm');
    fs.writeFileSync(input, slice.bytes);
    const jpeg = {
      name: 'gradient8.dcm',
      bytes: transcode('dcmcjpeg', ['+eb', '+un'], input, dir),
    };
    const decoded = await voxels([jpeg]);
    expect(decoded).toHaveLength(pixels.length);
    expect(meanAbsDifference(decoded, pixels)).toBeLessThan(2);
    expect(maxAbsDifference(decoded, pixels)).toBeLessThan(16);
  });
});

describe('pydicom compressed files against their uncompressed twins', () => {
  const root = ensurePydicomTestFiles();
  const pydicom = (name: string): InputFile => read(path.join(root, name));

  it.each(['MR_small_jp2klossless.dcm', 'MR_small_jpeg_ls_lossless.dcm'])(
    '%s decodes like MR_small.dcm',
    async (name) => {
      expect(await voxels([pydicom(name)])).toEqual(await voxels([pydicom('MR_small.dcm')]));
    },
  );
});

describe('12-bit JPEG Extended (.51, dcmcjpeg +ee)', () => {
  it('is reported as an unsupported pixel format naming the codec, not a crash', async () => {
    const result = await assemble(transcodeSlices('dcmcjpeg', ['+ee']));
    expect(result.ok ? null : result.error.code).toBe('UNSUPPORTED_PIXEL_FORMAT');
    expect(result.ok ? '' : result.error.message).toMatch(/12-bit JPEG Extended/);
  });
});

describe('a corrupt compressed frame', () => {
  it.each([
    ['JPEG-LS', 'dcmcjpls', ['+el']],
    ['JPEG 2000', 'gdcmconv', ['--j2k']],
    ['JPEG Lossless', 'dcmcjpeg', ['+e1']],
  ])(
    'fails its series with DECODE_FAILED (%s), and the next loads decode correctly',
    async (_label, tool, args) => {
      const good = transcodeSlices(tool, args);
      const reference = await voxels(good);
      const registry = createFrameDecoderRegistry();
      const corruptAt = (where: 'start' | 'middle'): InputFile[] =>
        good.map((file, i) => {
          if (i !== 1) return file;
          const bytes = file.bytes.slice();
          const result = ingestFiles([file]);
          const ref = result.patients[0]?.studies[0]?.series[0]?.instances[0]?.pixelData;
          if (!ref?.encapsulated) throw new Error('encapsulated pixel data expected');
          const fragment = ref.fragments[0];
          if (!fragment) throw new Error('no fragment');
          // The codestream's own header (start), or its entropy-coded data (middle).
          const from =
            fragment.byteOffset + (where === 'start' ? 0 : Math.floor(fragment.byteLength / 3));
          for (let k = 0; k < 256; k++) bytes[from + k] = (k * 151 + 7) & 0xff;
          return { name: file.name, bytes };
        });
      const failed = await assemble(corruptAt('start'), registry);
      expect(failed.ok ? 'ok' : failed.error.code).toBe('DECODE_FAILED');
      if (!failed.ok) expect(failed.error.file).toBe(good[1]?.name);
      expect(await voxels(good, registry)).toEqual(reference);
      // Garbage inside the coded data may decode to wrong pixels or fail; either way the
      // codec must still decode the next series correctly.
      const middle = await assemble(corruptAt('middle'), registry);
      expect(middle.ok || middle.error.code === 'DECODE_FAILED').toBe(true);
      for (let n = 0; n < 3; n++) expect(await voxels(good, registry)).toEqual(reference);
    },
  );
});

describe('a JPEG-LS frame whose end marker is overwritten', () => {
  it('fails at once (CharLS alone spends seconds looking for a marker)', async () => {
    // Mutant 131 of the fuzz corpus (seed 9): 0x80 over the end of a 64×64 JPEG-LS frame.
    const { generateMutant } = await import('./fuzz/generateFuzzCorpus');
    const { loadFuzzSeeds } = await import('./fuzz/loadFuzzSeeds');
    const mutant = generateMutant(loadFuzzSeeds().seeds, 9, 131);
    expect(mutant.notes.join(' ')).toMatch(/fill80/);
    const started = performance.now();
    const result = await assemble([{ name: mutant.name, bytes: mutant.bytes }]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok ? null : result.error.code).toBe('DECODE_FAILED');
  });
});
