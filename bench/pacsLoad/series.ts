/**
 * The bench series: a 512×512×300 portal-venous CT from the sample generator
 * (sample-dicom/lib ctSeriesFiles, uncompressed, as `npm run samples` writes it), written file
 * by file into a temporary folder. Its own patient/UID arc (patient 7), so it never collides
 * with the sample patient.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { ctSeriesFiles } from '../../sample-dicom/lib/ctSeries.ts';
import { validateDicomFile } from '../../test/support/dciodvfy.ts';

export const ROWS = 512;
export const COLUMNS = 512;
export const SLICES = 300;

export interface WrittenSeries {
  readonly dir: string;
  /** Absolute paths, in generation order (instance 1 first). */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly transferSyntaxUid: string;
  /** Σ of every voxel in modality units (HU), computed here from the files: the volume's truth. */
  readonly huSum: number;
  /**
   * Per InstanceNumber, the fraction of pixels a drawing with the file's own window shows
   * brighter than 10/255 (the `litFraction` of test/browser canvasStats): the first image's truth.
   */
  readonly litFractionByInstance: ReadonlyMap<number, number>;
  readonly generateMs: number;
  /** dciodvfy on the first, middle and last file: every one passed (warnings allowed). */
  readonly dciodvfy: { readonly checked: number; readonly warnings: number };
}

function pixelStats(
  bytes: Uint8Array,
  data: dicomParser.DataSet,
): { huSum: number; litFraction: number } {
  const pixel = data.elements['x7fe00010'];
  if (!pixel) throw new Error('bench series: no PixelData');
  const raw = bytes.slice(pixel.dataOffset, pixel.dataOffset + ROWS * COLUMNS * 2).buffer;
  const stored = data.uint16('x00280103') === 1 ? new Int16Array(raw) : new Uint16Array(raw);
  const slope = data.floatString('x00281053') ?? 1;
  const intercept = data.floatString('x00281052') ?? 0;
  const center = data.floatString('x00281050') ?? 40;
  const width = Math.max(1, data.floatString('x00281051') ?? 400);
  let sum = 0;
  let lit = 0;
  for (let i = 0; i < stored.length; i++) {
    const hu = (stored[i] ?? 0) * slope + intercept;
    sum += hu;
    if (((hu - (center - width / 2)) / width) * 255 > 10) lit++;
  }
  return { huSum: sum, litFraction: lit / stored.length };
}

/** Writes the series into a new temp folder; the caller removes `dir`. */
export function writeBenchSeries(): WrittenSeries {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llr-pacs-load-'));
  try {
    const files: string[] = [];
    let bytes = 0;
    let huSum = 0;
    const litFractionByInstance = new Map<number, number>();
    let uids: { study: string; series: string; syntax: string } | null = null;
    for (const file of ctSeriesFiles({
      rows: ROWS,
      columns: COLUMNS,
      slices: SLICES,
      pixelSpacingMm: 0.75,
      sliceSpacingMm: 1,
      date: '2024-07-01',
      storage: 'unsigned',
      key: { patient: 7, study: 1, series: 1 },
      seriesDescription: 'PACS load bench CT',
    })) {
      const target = path.join(dir, file.name);
      fs.writeFileSync(target, file.bytes);
      files.push(target);
      bytes += file.bytes.byteLength;
      const data = dicomParser.parseDicom(file.bytes);
      const stats = pixelStats(file.bytes, data);
      huSum += stats.huSum;
      litFractionByInstance.set(data.intString('x00200013') ?? -1, stats.litFraction);
      uids ??= {
        study: data.string('x0020000d') ?? '',
        series: data.string('x0020000e') ?? '',
        syntax: data.string('x00020010') ?? '',
      };
    }
    if (!uids || files.length !== SLICES)
      throw new Error('bench series: generator gave too few files');
    const generateMs = performance.now() - started;
    let warnings = 0;
    const checkedFiles = [files[0], files[SLICES >> 1], files[SLICES - 1]] as string[];
    for (const file of checkedFiles) {
      const result = validateDicomFile(file);
      if (!result.ok) throw new Error(`dciodvfy rejects ${file}: ${result.errors.join('; ')}`);
      warnings += result.warnings.length;
    }
    return {
      dir,
      files,
      bytes,
      studyInstanceUid: uids.study,
      seriesInstanceUid: uids.series,
      transferSyntaxUid: uids.syntax.replace(/\0/g, '').trim(),
      huSum,
      litFractionByInstance,
      generateMs,
      dciodvfy: { checked: checkedFiles.length, warnings },
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
