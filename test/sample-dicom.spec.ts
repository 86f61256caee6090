/**
 * The deterministic sample patient (sample-dicom/): manifest, determinism, IOD validity
 * (dciodvfy) and the phantom truths read back from the written pixels.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCtSeries, ctSeriesFiles } from '../sample-dicom/lib/ctSeries.ts';
import { MR_SEQUENCES, mrSeriesFiles } from '../sample-dicom/lib/mrSeries.ts';
import { CT_EXAMS, lesionsAt, PATIENT } from '../sample-dicom/lib/patient.ts';
import { createReferenceSegmentation } from '../sample-dicom/lib/segReference.ts';
import {
  ctExamOptions,
  DEFAULT_OUT_DIR,
  generateSamples,
  type Manifest,
} from '../sample-dicom/lib/samples.ts';
import type { Roi, Truth, TruthLesion, TruthSeries } from '../sample-dicom/lib/truth.ts';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy.ts';

type Vec3 = [number, number, number];

const OUT = DEFAULT_OUT_DIR;
let manifest: Manifest;
let truth: Truth;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** One decoded image: geometry from its own header, values after rescale. */
interface Image {
  ipp: Vec3;
  iop: number[];
  spacing: [number, number];
  rows: number;
  columns: number;
  values: Float64Array;
  ds: dicomParser.DataSet;
}

const imageCache = new Map<string, Image>();

function readImage(path: string): Image {
  const cached = imageCache.get(path);
  if (cached) return cached;
  const bytes = new Uint8Array(readFileSync(path));
  const ds = dicomParser.parseDicom(bytes);
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const signed = ds.uint16('x00280103') === 1;
  const slope = Number(ds.string('x00281053') ?? '1');
  const intercept = Number(ds.string('x00281052') ?? '0');
  const el = ds.elements['x7fe00010'];
  if (!el) throw new Error(`${path}: no pixel data`);
  const raw = bytes.buffer.slice(
    bytes.byteOffset + el.dataOffset,
    bytes.byteOffset + el.dataOffset + rows * columns * 2,
  );
  const stored = signed ? new Int16Array(raw) : new Uint16Array(raw);
  const values = new Float64Array(stored.length);
  for (let i = 0; i < stored.length; i++) values[i] = (stored[i] as number) * slope + intercept;
  const num = (tag: string, n: number) =>
    Array.from({ length: n }, (_, i) => ds.floatString(tag, i) ?? NaN);
  const image: Image = {
    ipp: num('x00200032', 3) as Vec3,
    iop: num('x00200037', 6),
    spacing: num('x00280030', 2) as [number, number],
    rows,
    columns,
    values,
    ds,
  };
  imageCache.set(path, image);
  return image;
}

const dot = (a: readonly number[], b: readonly number[]) =>
  (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

function normalOf(iop: readonly number[]): Vec3 {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = iop;
  return [b * f - c * e, c * d - a * f, a * e - b * d];
}

function seriesByRole(role: string, date?: string): TruthSeries {
  const folderDate = date?.replaceAll('-', '');
  const s = truth.series.find(
    (x) => x.role === role && (!folderDate || x.folder.includes(`/${folderDate}_`)),
  );
  if (!s) throw new Error(`no ${role} series ${date ?? ''}`);
  return s;
}

function fileOf(series: TruthSeries, index: number): string {
  return join(OUT, series.folder, `IM${String(index + 1).padStart(4, '0')}.dcm`);
}

/** Unit vector from slice to slice (instance order) and the distance between slices. */
function sliceStep(series: TruthSeries): { u: Vec3; step: number } {
  if (series.slices < 2) return { u: normalOf(series.imageOrientationPatient), step: 1 };
  const d = sub(series.lastImagePositionPatient, series.firstImagePositionPatient);
  const len = Math.hypot(...d);
  return { u: [d[0] / len, d[1] / len, d[2] / len], step: len / (series.slices - 1) };
}

/** Pixels of the slice nearest p whose centres lie within ±half (mm) of p in-plane. */
function pixelsNear(
  series: TruthSeries,
  p: Vec3,
  halfMm = 0,
): { values: number[]; distanceToSliceMm: number } {
  const { u, step } = sliceStep(series);
  const k = Math.round(dot(sub(p, series.firstImagePositionPatient), u) / step);
  const image = readImage(fileOf(series, Math.min(series.slices - 1, Math.max(0, k))));
  const d = sub(p, image.ipp);
  const col = dot(d, image.iop.slice(0, 3)) / image.spacing[1];
  const row = dot(d, image.iop.slice(3, 6)) / image.spacing[0];
  const hc = halfMm / image.spacing[1];
  const hr = halfMm / image.spacing[0];
  const values: number[] = [];
  for (let r = Math.ceil(row - hr - 1e-6); r <= Math.floor(row + hr + 1e-6); r++) {
    for (let c = Math.ceil(col - hc - 1e-6); c <= Math.floor(col + hc + 1e-6); c++) {
      values.push(image.values[r * image.columns + c] as number);
    }
  }
  if (values.length === 0)
    values.push(image.values[Math.round(row) * image.columns + Math.round(col)] as number);
  return { values, distanceToSliceMm: Math.abs(dot(d, normalOf(image.iop))) };
}

/** Mean over every voxel whose centre lies inside the ROI box (axial series: half sizes x, y in-plane, z across). */
function roiMean(series: TruthSeries, roi: Roi): { mean: number; count: number } {
  const { u, step } = sliceStep(series);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < series.slices; k++) {
    const along = dot(sub(series.firstImagePositionPatient, roi.centreMm), u) + k * step;
    if (Math.abs(along) > roi.halfSizeMm[2] + 1e-6) continue;
    const centreOnSlice: Vec3 = [
      roi.centreMm[0] + along * u[0],
      roi.centreMm[1] + along * u[1],
      roi.centreMm[2] + along * u[2],
    ];
    const { values } = pixelsNear(
      series,
      centreOnSlice,
      Math.min(roi.halfSizeMm[0], roi.halfSizeMm[1]),
    );
    for (const v of values) sum += v;
    count += values.length;
  }
  return { mean: sum / count, count };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

beforeAll(() => {
  generateSamples({ outDir: OUT });
  manifest = readJson<Manifest>(join(OUT, 'manifest.json'));
  truth = readJson<Truth>(join(OUT, 'truth.json'));
}, 300_000);

describe('sample patient output', () => {
  it('re-running the generator is a fast no-op', () => {
    const again = generateSamples({ outDir: OUT });
    expect(again.skipped).toBe(true);
    expect(again.ms).toBeLessThan(1000);
  });

  it('manifest lists every generated file with relative forward-slash paths', () => {
    expect(manifest.version).toBe(1);
    expect(manifest.patients).toHaveLength(1);
    const [patient] = manifest.patients;
    expect(patient?.patientId).toBe('LLR-SAMPLE-004');
    expect(patient?.patientName).toBe('SAMPLE^LIVER');
    const files = patient?.files ?? [];
    // Every image series' files plus one reference SEG per CT date.
    const segFiles = truth.ct.map((c) => c.segmentation?.file);
    expect(segFiles.every((f) => f !== undefined && files.includes(f))).toBe(true);
    expect(files.length).toBe(truth.series.reduce((s, x) => s + x.files, 0) + segFiles.length);
    expect(new Set(files).size).toBe(files.length);
    for (const f of files) {
      expect(f).not.toMatch(/\\|^\/|\.\./);
      expect(existsSync(join(OUT, f))).toBe(true);
    }
    for (const s of truth.series) {
      expect(readdirSync(join(OUT, s.folder)).filter((f) => f.endsWith('.dcm'))).toHaveLength(
        s.files,
      );
    }
    // 3 CT dates (+ localizer), MR T1, T2, MRCP.
    expect(truth.series.map((s) => s.role).sort()).toEqual([
      'ct-axial',
      'ct-axial',
      'ct-axial',
      'ct-localizer',
      'mr-t1',
      'mr-t2',
      'mrcp',
    ]);
  });

  it('is deterministic: the same options give the same bytes', () => {
    for (const storage of ['unsigned', 'signed'] as const) {
      const options = {
        rows: 48,
        columns: 64,
        slices: 3,
        pixelSpacingMm: 6,
        sliceSpacingMm: 40,
        date: '2024-08-12',
        storage,
        topZMm: -60,
      };
      const a = buildCtSeries(options).files;
      const b = buildCtSeries(options).files;
      expect(a.map((f) => f.name)).toEqual(b.map((f) => f.name));
      a.forEach((f, i) =>
        expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(b[i]?.bytes ?? []))).toBe(0),
      );
    }
    // A re-rendered slice equals the file on disk (so the output does not depend on the run).
    const oct = CT_EXAMS.find((e) => e.key === 'oct');
    if (!oct) throw new Error('no October exam');
    const [first] = buildCtSeries({ ...ctExamOptions(oct), slices: 1 }).files;
    const onDisk = readFileSync(fileOf(seriesByRole('ct-axial', '2024-10-07'), 0));
    expect(Buffer.compare(Buffer.from(first?.bytes ?? []), onDisk)).toBe(0);
    const t1 = MR_SEQUENCES.find((s) => s.role === 'mr-t1');
    if (!t1) throw new Error('no T1');
    const mrFirst = mrSeriesFiles(t1).next();
    expect(mrFirst.done).toBe(false);
    if (!mrFirst.done)
      expect(
        Buffer.compare(
          Buffer.from(mrFirst.value.bytes),
          readFileSync(fileOf(seriesByRole('mr-t1'), 0)),
        ),
      ).toBe(0);
  }, 60_000);

  it('writes the same reference SEG bytes when the October CT is rendered again', () => {
    const oct = CT_EXAMS.find((e) => e.key === 'oct');
    if (!oct) throw new Error('no October exam');
    const studyKey = { patient: PATIENT.patientNumber, study: oct.studyNumber };
    const reference = createReferenceSegmentation(ctExamOptions(oct), lesionsAt(oct.key), studyKey);
    const it = ctSeriesFiles(ctExamOptions(oct), (k, stored) => reference.addSlice(k, stored));
    let step = it.next();
    while (!step.done) step = it.next();
    const exam = truth.ct.find((c) => c.date === '2024-10-07')!;
    const folder = exam.segmentation!.folder;
    const again = reference.finish(step.value, folder, 'IM0001.dcm');
    expect(again.truth).toEqual(exam.segmentation);
    expect(
      Buffer.compare(
        Buffer.from(again.file.bytes),
        readFileSync(join(OUT, exam.segmentation!.file)),
      ),
    ).toBe(0);
  }, 60_000);

  it('uses no clock or Math.random in the generator', () => {
    const dir = join(OUT, '..', 'lib');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/Math\.random|Date\.now|new Date\(/);
    }
  });

  it('first, middle and last file of every series and every SEG pass dciodvfy with 0 errors', () => {
    ensureDciodvfy();
    const failures: string[] = [];
    const warnings: string[] = [];
    for (const s of truth.series) {
      const picks = [...new Set([0, Math.floor((s.files - 1) / 2), s.files - 1])];
      for (const i of picks) {
        const path = fileOf(s, i);
        const result = validateDicomFile(path);
        if (!result.ok) failures.push(`${path}\n${result.output}`);
        warnings.push(...result.warnings.map((w) => `${s.folder}: ${w}`));
      }
    }
    for (const exam of truth.ct) {
      const path = join(OUT, exam.segmentation?.file ?? 'missing');
      const result = validateDicomFile(path);
      if (!result.ok) failures.push(`${path}\n${result.output}`);
      warnings.push(...result.warnings.map((w) => `${exam.date} SEG: ${w}`));
    }
    if (warnings.length) console.warn(`dciodvfy warnings:\n${[...new Set(warnings)].join('\n')}`);
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('CT phantom truths read back from pixels', () => {
  it('stores July/October unsigned with intercept -1024 and August signed with intercept 0', () => {
    const expectStorage = (date: string, pr: number, intercept: number, bits: number) => {
      const image = readImage(fileOf(seriesByRole('ct-axial', date), 0));
      expect(image.ds.uint16('x00280103')).toBe(pr);
      expect(Number(image.ds.string('x00281052'))).toBe(intercept);
      expect(image.ds.uint16('x00280101')).toBe(bits);
      // Air outside the body reads about -1000 HU either way.
      expect(Math.abs(mean(Array.from(image.values.subarray(0, 2000))) + 1000)).toBeLessThan(5);
    };
    expectStorage('2024-07-25', 0, -1024, 12);
    expectStorage('2024-08-12', 1, 0, 16);
    expectStorage('2024-10-07', 0, -1024, 12);
  });

  it('every lesion centre reads the lesion HU within noise', () => {
    for (const exam of truth.ct) {
      const series = seriesByRole('ct-axial', exam.date);
      for (const lesion of exam.lesions) {
        const { values, distanceToSliceMm } = pixelsNear(series, lesion.centreMm, 1);
        expect(distanceToSliceMm).toBeLessThanOrEqual(series.sliceSpacingMm / 2 + 1e-6);
        expect(values.length).toBeGreaterThanOrEqual(4);
        expect(Math.abs(mean(values) - exam.lesionHu), `${exam.date} ${lesion.id}`).toBeLessThan(
          (4 * exam.noiseSigmaHu) / Math.sqrt(values.length),
        );
        // 3 mm outside the lesion (±x, ±y) is mostly liver, clearly brighter than the lesion
        // (a duct or vessel may pass by on one side).
        let brighter = 0;
        for (const [axis, sign] of [
          [0, 1],
          [0, -1],
          [1, 1],
          [1, -1],
        ] as const) {
          const outside: Vec3 = [...lesion.centreMm];
          outside[axis] += sign * (lesion.radiiMm[axis] + 3);
          if (mean(pixelsNear(series, outside, 1).values) > exam.lesionHu + 25) brighter++;
        }
        expect(brighter, `${exam.date} ${lesion.id}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('liver and spleen ROI means match truth.json (L/S > 1 in July, < 1 in August)', () => {
    for (const exam of truth.ct) {
      const series = seriesByRole('ct-axial', exam.date);
      const liver = roiMean(series, exam.rois.liver);
      const spleen = roiMean(series, exam.rois.spleen);
      expect(liver.count).toBeGreaterThan(300);
      expect(Math.abs(liver.mean - exam.liverHu), `${exam.date} liver ${liver.mean}`).toBeLessThan(
        2,
      );
      expect(
        Math.abs(spleen.mean - exam.spleenHu),
        `${exam.date} spleen ${spleen.mean}`,
      ).toBeLessThan(2);
      expect(Math.abs(liver.mean / spleen.mean - exam.liverToSpleenRatio)).toBeLessThan(0.03);
    }
    const ratio = (date: string) =>
      truth.ct.find((c) => c.date === date)?.liverToSpleenRatio ?? NaN;
    expect(ratio('2024-07-25')).toBeGreaterThan(1);
    expect(ratio('2024-08-12')).toBeLessThan(1);
  });

  it('follows the clinical course: August progression, October stable', () => {
    const [jul, aug, oct] = truth.ct;
    if (!jul || !aug || !oct) throw new Error('three CT dates expected');
    const sum = (ls: TruthLesion[], ids: string[]) =>
      ls.filter((l) => ids.includes(l.id)).reduce((s, l) => s + l.longestAxialDiameterMm, 0);
    const julyIds = jul.lesions.map((l) => l.id);
    expect(julyIds).toHaveLength(3);
    expect(sum(aug.lesions, julyIds) / sum(jul.lesions, julyIds)).toBeGreaterThanOrEqual(1.3);
    const newOnes = aug.lesions.filter((l) => l.isNew);
    expect(newOnes).toHaveLength(2);
    for (const l of newOnes) expect(l.longestAxialDiameterMm).toBeGreaterThanOrEqual(10);
    expect(oct.lesions.map((l) => l.id)).toEqual(aug.lesions.map((l) => l.id));
    for (const l of oct.lesions) {
      const before = aug.lesions.find((a) => a.id === l.id);
      expect(
        Math.abs(l.longestAxialDiameterMm / (before?.longestAxialDiameterMm ?? NaN) - 1),
      ).toBeLessThanOrEqual(0.05);
    }
    expect(new Set(oct.lesions.map((l) => l.segment)).size).toBe(5);
  });

  it('the localizer is one coronal LOCALIZER image in its own series', () => {
    const loc = seriesByRole('ct-localizer');
    expect(loc.files).toBe(1);
    const image = readImage(fileOf(loc, 0));
    expect(image.ds.string('x00080008')?.split('\\')).toEqual(['ORIGINAL', 'PRIMARY', 'LOCALIZER']);
    expect(image.iop).toEqual([1, 0, 0, 0, 0, -1]);
    expect(loc.seriesInstanceUid).not.toBe(
      seriesByRole('ct-axial', '2024-07-25').seriesInstanceUid,
    );
  });
});

describe('MR phantom truths read back from pixels', () => {
  it('metastases are hypointense on T1 and hyperintense on T2', () => {
    const t1 = seriesByRole('mr-t1');
    const t2 = seriesByRole('mr-t2');
    const liverT1 = roiMean(t1, truth.mr.rois.liver).mean;
    const liverT2 = roiMean(t2, truth.mr.rois.liver).mean;
    expect(Math.abs(liverT1 - truth.tissues.mrT1Signal.liver)).toBeLessThan(10);
    expect(Math.abs(liverT2 - truth.tissues.mrT2Signal.liver)).toBeLessThan(10);
    for (const lesion of truth.mr.lesions) {
      const onT1 = mean(pixelsNear(t1, lesion.centreMm, 1.5).values);
      const onT2 = mean(pixelsNear(t2, lesion.centreMm, 1.5).values);
      expect(Math.abs(onT1 - lesion.t1Signal)).toBeLessThan(25);
      expect(Math.abs(onT2 - lesion.t2Signal)).toBeLessThan(25);
      expect(onT1).toBeLessThan(liverT1 - 150);
      expect(onT2).toBeGreaterThan(liverT2 + 300);
    }
  });

  it('MRCP shows the common hepatic duct interrupted at the recorded point', () => {
    const mrcp = seriesByRole('mrcp');
    expect(mrcp.imageOrientationPatient).toEqual([1, 0, 0, 0, 0, -1]);
    const { pointMm, upperStumpEndMm, lowerStumpStartMm } = truth.mrcp.interruption;
    const towards = (from: Vec3, to: Vec3, mm: number): Vec3 => {
      const d = sub(to, from);
      const len = Math.hypot(...d);
      return [
        from[0] + (d[0] * mm) / len,
        from[1] + (d[1] * mm) / len,
        from[2] + (d[2] * mm) / len,
      ];
    };
    const duct = truth.tissues.mrcpSignal.bileDuct;
    const gapValue = mean(pixelsNear(mrcp, pointMm, 1).values);
    expect(gapValue).toBeLessThan(duct * 0.1);
    // 1.5 mm inside each stump the duct is bright.
    expect(
      mean(pixelsNear(mrcp, towards(upperStumpEndMm, truth.mrcp.confluenceMm, 1.5), 0.7).values),
    ).toBeGreaterThan(duct * 0.7);
    expect(
      mean(
        pixelsNear(mrcp, towards(lowerStumpStartMm, truth.mrcp.cysticDuctJunctionMm, 1.5), 0.7)
          .values,
      ),
    ).toBeGreaterThan(duct * 0.7);
  });
});
