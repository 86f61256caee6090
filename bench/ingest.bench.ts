/**
 * Ingest benchmark: a 512×512×300 CT series held in memory, ingested (parse every header,
 * group, sort, assemble the HU volume) by src/dicom, compared with a plain copy of the same
 * pixel bytes and with dcmjs doing the same work. Goal: ours ≤ 1.5 × the plain copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import type { NaturalDataset } from 'dcmjs';
import { assembleVolume, ingestFiles, parseInstance, type InputFile } from '../src/dicom/index.ts';
import { writePart10 } from '../src/dicom/write/writePart10.ts';
import { formatTable, machineInfo, measure, type Timing } from './measure.ts';

export const name = 'ingest';

const ROWS = 512;
const COLUMNS = 512;
const SLICES = 300;
const REPS = Number(process.env['BENCH_REPS'] ?? 9);
const DCMJS_REPS = Number(process.env['BENCH_DCMJS_REPS'] ?? 5);

type Storage = 'signed' | 'unsigned';

// ---- The series -------------------------------------------------------------------------------

interface BuiltSeries {
  files: InputFile[];
  source: string;
}

/** Our own generator: a water cylinder (40 HU) in air with a little deterministic noise. */
function buildLocalCtSeries(storage: Storage): InputFile[] {
  const intercept = storage === 'signed' ? 0 : -1024;
  const files: InputFile[] = [];
  const study = '1.2.826.0.1.3680043.10.1478.98.1';
  const series = `1.2.826.0.1.3680043.10.1478.98.2.${storage === 'signed' ? 1 : 2}`;
  for (let k = 0; k < SLICES; k++) {
    const words = new Uint16Array(ROWS * COLUMNS);
    for (let y = 0; y < ROWS; y++) {
      for (let x = 0; x < COLUMNS; x++) {
        const inside = (x - 256) ** 2 + (y - 256) ** 2 < 200 ** 2;
        const hu = (inside ? 40 : -1000) + (((x * 7 + y * 13 + k * 29) % 21) - 10);
        words[y * COLUMNS + x] = (hu - intercept) & 0xffff;
      }
    }
    const dataset: NaturalDataset = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: `${series}.${k + 1}`,
      PatientID: 'BENCH',
      PatientName: 'Bench^Ingest',
      StudyInstanceUID: study,
      StudyDate: '20240101',
      StudyTime: '120000',
      SeriesInstanceUID: series,
      SeriesNumber: 2,
      Modality: 'CT',
      FrameOfReferenceUID: `${study}.9`,
      InstanceNumber: k + 1,
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      Rows: ROWS,
      Columns: COLUMNS,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: storage === 'signed' ? 16 : 12,
      HighBit: storage === 'signed' ? 15 : 11,
      PixelRepresentation: storage === 'signed' ? 1 : 0,
      PixelSpacing: [0.75, 0.75],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      ImagePositionPatient: [-192, -192, -k],
      SliceThickness: 1,
      RescaleIntercept: intercept,
      RescaleSlope: 1,
      WindowCenter: 40,
      WindowWidth: 400,
      PixelData: words.buffer,
      _vrMap: { PixelData: 'OW' },
    };
    files.push({
      name: `IM${String(k + 1).padStart(4, '0')}.dcm`,
      bytes: new Uint8Array(writePart10(dataset)),
    });
  }
  return files;
}

/** Prefers the project's sample generator (realistic headers) when it exposes buildCtSeries. */
async function buildSeries(storage: Storage): Promise<BuiltSeries> {
  const specifier = '../sample-dicom/lib/ctSeries.ts';
  try {
    const module: unknown = await import(specifier);
    const build = (module as { buildCtSeries?: unknown }).buildCtSeries;
    if (typeof build === 'function') {
      const built: unknown = build({
        rows: ROWS,
        columns: COLUMNS,
        slices: SLICES,
        pixelSpacingMm: 0.75,
        sliceSpacingMm: 1,
        date: '2024-07-01',
        storage,
      });
      const files = (built as { files?: InputFile[] }).files;
      if (Array.isArray(files) && files.length === SLICES) {
        return {
          files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
          source: 'sample-dicom/lib buildCtSeries',
        };
      }
    }
  } catch {
    // Generator missing or changed: fall back to ours.
  }
  return { files: buildLocalCtSeries(storage), source: 'bench local generator (writePart10)' };
}

// ---- The contenders ---------------------------------------------------------------------------

function pixelRanges(files: InputFile[]): Uint8Array[] {
  return files.map((file) => {
    const parsed = parseInstance(file);
    if (!parsed.ok || !parsed.value.pixelData || parsed.value.pixelData.encapsulated)
      throw new Error('bench: bad file');
    const { byteOffset, byteLength } = parsed.value.pixelData;
    return file.bytes.subarray(byteOffset, byteOffset + byteLength);
  });
}

function copyInto(target: Uint8Array, ranges: Uint8Array[]): Uint8Array {
  let at = 0;
  for (const range of ranges) {
    target.set(range, at);
    at += range.length;
  }
  return target;
}

function ingestOurs(files: InputFile[], allocate?: () => ArrayBufferLike, simd = true) {
  const result = ingestFiles(files);
  const series = result.patients[0]?.studies[0]?.series[0];
  if (!series || series.kind !== 'volume')
    throw new Error(`bench: no volume (${JSON.stringify(result.rejected[0])})`);
  const volume = assembleVolume(series, allocate ? { allocate, simd } : { simd });
  if (!volume.ok) throw new Error(`bench: ${volume.error.code} ${volume.error.message}`);
  return volume.value;
}

function numberOf(value: unknown, fallback: number): number {
  const first = Array.isArray(value) ? value[0] : value;
  const parsed = Number(first);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** dcmjs doing the same work: read + naturalize each file, sort by position, copy to HU. */
function ingestDcmjs(buffers: ArrayBuffer[]): Int16Array {
  const datasets = buffers.map((buffer) =>
    dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(buffer).dict),
  );
  const iop = (datasets[0]?.['ImageOrientationPatient'] as unknown[]).map(Number);
  const [r0 = 0, r1 = 0, r2 = 0, c0 = 0, c1 = 0, c2 = 0] = iop;
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const along = (ds: NaturalDataset): number => {
    const p = (ds['ImagePositionPatient'] as unknown[]).map(Number);
    return (
      (p[0] ?? 0) * (normal[0] ?? 0) +
      (p[1] ?? 0) * (normal[1] ?? 0) +
      (p[2] ?? 0) * (normal[2] ?? 0)
    );
  };
  const sorted = datasets.map((ds) => ({ ds, z: along(ds) })).sort((a, b) => a.z - b.z);
  const sliceLength = ROWS * COLUMNS;
  const out = new Int16Array(sliceLength * sorted.length);
  sorted.forEach(({ ds }, k) => {
    const pixels = (ds['PixelData'] as ArrayBuffer[])[0];
    if (!pixels) throw new Error('bench: dcmjs found no pixels');
    const intercept = numberOf(ds['RescaleIntercept'], 0);
    const slope = numberOf(ds['RescaleSlope'], 1);
    if (slope === 1 && intercept === 0 && ds['PixelRepresentation'] === 1) {
      out.set(new Int16Array(pixels, 0, sliceLength), k * sliceLength);
    } else {
      const stored = new Uint16Array(pixels, 0, sliceLength);
      for (let i = 0; i < sliceLength; i++)
        out[k * sliceLength + i] = (stored[i] ?? 0) * slope + intercept;
    }
  });
  return out;
}

// ---- Running ----------------------------------------------------------------------------------

interface Ratios {
  oursPreallocatedOverCopyPreallocated: number;
  oursNewOverCopyNew: number;
  oursNewOverCopyPreallocated: number;
  dcmjsOverOurs: number;
  jsKernelOverSimd: number;
}

interface CaseResult {
  storage: Storage;
  fileBytes: number;
  pixelBytes: number;
  sameAsDcmjs: boolean;
  timings: Timing[];
  ratios: Ratios;
}

async function runCase(
  storage: Storage,
): Promise<{ result: CaseResult; files: InputFile[]; source: string }> {
  const { files, source } = await buildSeries(storage);
  const ranges = pixelRanges(files);
  const pixelBytes = ranges.reduce((sum, range) => sum + range.length, 0);
  const preallocated = new Uint8Array(pixelBytes).fill(1); // touched: no page faults inside timing
  const buffers = files.map((f) => f.bytes.slice().buffer);

  const ours = ingestOurs(files).data;
  const theirs = ingestDcmjs(buffers);
  const sameAsDcmjs = ours.length === theirs.length && ours.every((v, i) => v === theirs[i]);

  const timings = [
    measure('copy pixels → preallocated buffer', REPS, () => copyInto(preallocated, ranges)),
    measure('copy pixels → new buffer', REPS, () => copyInto(new Uint8Array(pixelBytes), ranges)),
    measure('ours: ingestFiles only (parse+group+sort)', REPS, () => ingestFiles(files)),
    measure('ours: ingest + assemble → preallocated', REPS, () =>
      ingestOurs(files, () => preallocated.buffer),
    ),
    measure('ours: ingest + assemble → new buffer', REPS, () => ingestOurs(files)),
    measure('ours without SIMD (JS kernel) → new buffer', Math.min(REPS, 5), () =>
      ingestOurs(files, undefined, false),
    ),
    measure('dcmjs: readFile+naturalize+sort+copy', DCMJS_REPS, () => ingestDcmjs(buffers)),
  ];
  const median = (index: number): number => timings[index]?.medianMs ?? NaN;
  const ratios: Ratios = {
    oursPreallocatedOverCopyPreallocated: median(3) / median(0),
    oursNewOverCopyNew: median(4) / median(1),
    oursNewOverCopyPreallocated: median(4) / median(0),
    dcmjsOverOurs: median(6) / median(4),
    jsKernelOverSimd: median(5) / median(4),
  };
  const fileBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  return {
    result: { storage, fileBytes, pixelBytes, sameAsDcmjs, timings, ratios },
    files,
    source,
  };
}

/** One cold-ish pass from disk: write the files to a temp dir, then time read + ingest. */
function runFromDisk(files: InputFile[]): { readMs: Timing; readAndIngestMs: Timing } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-'));
  try {
    for (const file of files) fs.writeFileSync(path.join(dir, file.name), file.bytes);
    const read = (): InputFile[] =>
      fs.readdirSync(dir).map((entry) => ({
        name: entry,
        bytes: new Uint8Array(fs.readFileSync(path.join(dir, entry))),
      }));
    return {
      readMs: measure('disk: read 300 files', 3, read, 0),
      readAndIngestMs: measure('disk: read + ingest + assemble', 3, () => ingestOurs(read()), 0),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms: number): string => ms.toFixed(1);

export async function run(): Promise<object> {
  const machine = machineInfo();
  const cases: CaseResult[] = [];
  let source = '';
  let disk: ReturnType<typeof runFromDisk> | null = null;
  for (const storage of ['signed', 'unsigned'] as const) {
    const outcome = await runCase(storage);
    cases.push(outcome.result);
    source = outcome.source;
    if (storage === 'signed') disk = runFromDisk(outcome.files);
  }
  console.log(`\ningest: ${COLUMNS}×${ROWS}×${SLICES} CT, files held in memory (${source})`);
  console.log(`machine: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}\n`);
  for (const c of cases) {
    const label =
      c.storage === 'signed' ? 'signed 16-bit, intercept 0' : 'unsigned 12-bit, intercept −1024';
    console.log(
      `${label}: ${(c.pixelBytes / 2 ** 20).toFixed(0)} MiB of pixels in ${(c.fileBytes / 2 ** 20).toFixed(0)} MiB of files; volume identical to dcmjs: ${c.sameAsDcmjs}`,
    );
    const rows = [['', 'median ms', 'p90 ms', 'min ms', 'runs']];
    for (const t of c.timings)
      rows.push([t.label, fmt(t.medianMs), fmt(t.p90Ms), fmt(t.minMs), String(t.runs)]);
    console.log(formatTable(rows));
    const r = c.ratios;
    console.log(
      `ratios: ours/copy (both preallocated) ${r.oursPreallocatedOverCopyPreallocated.toFixed(2)}×, ` +
        `ours/copy (both new buffer) ${r.oursNewOverCopyNew.toFixed(2)}×, dcmjs/ours ${r.dcmjsOverOurs.toFixed(1)}×, ` +
        `JS kernel/SIMD ${r.jsKernelOverSimd.toFixed(2)}×\n`,
    );
  }
  if (disk) {
    console.log(
      `from disk (temp dir, page cache warm): read ${fmt(disk.readMs.medianMs)} ms, read + ingest + assemble ${fmt(disk.readAndIngestMs.medianMs)} ms (median of 3)\n`,
    );
  }
  return {
    name,
    machine,
    source,
    dimensions: [COLUMNS, ROWS, SLICES],
    inMemory: true,
    cases,
    disk,
  };
}
