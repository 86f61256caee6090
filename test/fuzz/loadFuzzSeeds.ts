/**
 * Seeds of the hostile-file corpus, all deterministic: pydicom's real-world test files (every
 * one also goes in unmutated), small MR and CT slices of the generated sample patient, a few
 * hand-made encodings (RLE, implicit, big endian, enhanced multi-frame, SEG, SR) and the small
 * CT + SEG study the `liver-review measure` path is fuzzed with. Plus the two "good files"
 * every mutant is loaded beside (one native, one RLE), with UIDs no seed shares.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeEnhancedCt, makeSeg, makeSlice, makeSr } from '../../src/dicom/__tests__/fixtures.ts';
import type { InputFile } from '../../src/dicom/types.ts';
import { buildStudy } from '../support/measureFixtures.ts';
import { ensurePydicomTestFiles } from '../support/ensureDebianPackage.ts';
import { compressedSeeds } from './compressedSeeds.ts';
import { describeDicomLayout, type DicomLayout } from './describeDicomLayout.ts';

export type SeedGroup = 'pydicom' | 'sample' | 'synthetic' | 'cli' | 'compressed';

export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
  layout: DicomLayout | null;
  group: SeedGroup;
  /** For 'cli' seeds: the index of the fixture file the mutant replaces. */
  cliIndex?: number;
}

export interface FuzzSeeds {
  seeds: FuzzSeed[];
  /** Every pydicom test file, run unmutated. */
  rawFiles: InputFile[];
  /** Good files loaded beside every mutant; they must still load and decode identically. */
  controls: InputFile[];
  /** The CT + SEG study of the measure path (a mutant replaces one of its files). */
  cliFixture: InputFile[];
}

const SAMPLE_ROOT = 'sample-dicom/out/LLR-SAMPLE-004';
// Small sample slices (256×256 MR, one 512×512 CT): the seeds of the generated patient.
const SAMPLE_SEEDS = [
  '20240726_MR/01_T1_GRE_in_phase_ax/IM0001.dcm',
  '20240726_MR/03_MRCP_3D_T2_cor/IM0001.dcm',
  '20240725_CT/02_Abdomen_PV_1.25mm/IM0001.dcm',
];
const SAMPLE_CONTROL = '20240726_MR/02_T2_TSE_FS_ax/IM0001.dcm';

function readTree(root: string, dir = root): InputFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return readTree(root, full);
      return [{ name: relative(root, full), bytes: new Uint8Array(readFileSync(full)) }];
    });
}

/**
 * Overwrites every UID value of `tags` in place (same length, so offsets stay valid) with one
 * under a root no seed uses, so the control never merges with a mutant's study or series.
 */
function withFreshUids(bytes: Uint8Array, salt: number): Uint8Array {
  const out = bytes.slice();
  const layout = describeDicomLayout(out);
  if (!layout) throw new Error('control file is not readable');
  const tags = [0x00020003, 0x00080018, 0x0020000d, 0x0020000e, 0x00200052];
  for (const e of layout.elements) {
    if (!tags.includes(e.tag) || e.depth !== 0 || e.length < 8) continue;
    const digits = `${salt}${e.tag.toString().padStart(10, '0')}`;
    const value = `9.${digits}`.padEnd(e.length, '7').slice(0, e.length);
    for (let i = 0; i < e.length; i++) out[e.dataOffset + i] = value.charCodeAt(i);
  }
  return out;
}

function gradient(count: number, scale: number): number[] {
  return Array.from({ length: count }, (_, i) => (i * scale) % 4000);
}

function syntheticSeeds(): InputFile[] {
  const position: [number, number, number] = [0, 0, 0];
  const pixels = gradient(64 * 64, 7);
  return [
    {
      ...makeSlice({ rows: 64, columns: 64, pixels, encoding: 'rle', position }),
      name: 'rle16.dcm',
    },
    {
      ...makeSlice({ rows: 48, columns: 40, pixels: gradient(48 * 40, 3), encoding: 'rle' }),
      name: 'rle16-odd.dcm',
    },
    {
      ...makeSlice({ rows: 32, columns: 32, pixels: gradient(1024, 1), encoding: 'implicit-le' }),
      name: 'implicit.dcm',
    },
    {
      ...makeSlice({ rows: 32, columns: 32, pixels: gradient(1024, 5), encoding: 'explicit-be' }),
      name: 'bigendian.dcm',
    },
    {
      ...makeSlice({
        rows: 32,
        columns: 32,
        pixels: gradient(1024, 5),
        encoding: 'implicit-le-bare',
      }),
      name: 'bare.dcm',
    },
    {
      ...makeEnhancedCt({
        positions: [0, 1, 2, 3].map((z): [number, number, number] => [0, 0, z]),
        fills: [10, 20, 30, 40],
        rows: 8,
        columns: 8,
      }),
      name: 'enhanced-ct.dcm',
    },
    { ...makeSeg(), name: 'seg.dcm' },
    { ...makeSr(), name: 'sr.dcm' },
  ];
}

/** Loads every seed; pydicom's files come from Debian's python3-pydicom (cached). */
export function loadFuzzSeeds(): FuzzSeeds {
  const pydicomRoot = ensurePydicomTestFiles();
  const rawFiles = readTree(pydicomRoot).map((f) => ({ ...f, name: `pydicom/${f.name}` }));
  const seeds: FuzzSeed[] = [];
  const add = (file: InputFile, group: SeedGroup, cliIndex?: number): void => {
    const seed: FuzzSeed = {
      name: file.name,
      bytes: file.bytes,
      layout: describeDicomLayout(file.bytes),
      group,
    };
    if (cliIndex !== undefined) seed.cliIndex = cliIndex;
    seeds.push(seed);
  };
  for (const file of rawFiles) add(file, 'pydicom');

  const missing = [...SAMPLE_SEEDS, SAMPLE_CONTROL].filter(
    (path) => !existsSync(join(SAMPLE_ROOT, path)),
  );
  if (missing.length > 0) {
    throw new Error(`sample patient missing (${missing.join(', ')}): run "npm run samples"`);
  }
  for (const path of SAMPLE_SEEDS) {
    add(
      { name: `sample/${path}`, bytes: new Uint8Array(readFileSync(join(SAMPLE_ROOT, path))) },
      'sample',
    );
  }
  for (const file of syntheticSeeds())
    add({ ...file, name: `synthetic/${file.name}` }, 'synthetic');
  const compressed = compressedSeeds(join(SAMPLE_ROOT, SAMPLE_SEEDS[2] ?? ''));
  for (const file of compressed.seeds)
    add({ ...file, name: `compressed/${file.name}` }, 'compressed');

  const study = buildStudy({
    study: 77,
    date: '20240725',
    noiseHu: 9,
    shapes: [
      { role: 'liver', label: 'Liver', centreMm: [-19, 1, -25], radiiMm: [34, 27, 20], hu: 110 },
      { role: 'spleen', label: 'Spleen', centreMm: [41, 11, -25], radiiMm: [11, 13, 11], hu: 96 },
      {
        role: 'lesion',
        label: 'Metastasis A',
        centreMm: [-27, 5, -25],
        radiiMm: [8, 7, 6],
        hu: 48,
        trackingId: 'L1',
        trackingUid: '2.25.1001',
      },
    ],
  });
  const cliFixture = study.files.map((f) => ({ ...f, name: `measure/${f.name}` }));
  cliFixture.forEach((file, index) => add(file, 'cli', index));

  const controls: InputFile[] = [
    {
      name: 'control/native-mr.dcm',
      bytes: withFreshUids(new Uint8Array(readFileSync(join(SAMPLE_ROOT, SAMPLE_CONTROL))), 1),
    },
    {
      name: 'control/rle.dcm',
      bytes: withFreshUids(
        makeSlice({ rows: 64, columns: 64, pixels: gradient(4096, 11), encoding: 'rle' }).bytes,
        2,
      ),
    },
    // Decoded after every mutant (JPEG-LS, JPEG 2000, HTJ2K): a corrupt frame must not break them.
    ...compressed.controls.map((file, i) => ({
      name: `control/${file.name}`,
      bytes: withFreshUids(file.bytes, 3 + i),
    })),
  ];
  return { seeds, rawFiles, controls, cliFixture };
}
