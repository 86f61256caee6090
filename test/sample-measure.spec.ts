/**
 * `liver-review measure` on the bundled sample patient (CT + reference SEG of three dates)
 * against truth.json, and the reference SEGs against the phantom itself: lesion voxel counts
 * from the ellipsoids on the CT grid, liver and spleen voxels from the phantom's tissue at
 * sampled voxel centres (sample-dicom/lib/checks.ts tissueAt, the definition of the truth).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { MeasureReport } from '../src/cli/types.ts';
import { ingestFiles } from '../src/dicom/index.ts';
import {
  findSourceSeries,
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
} from '../src/dicom/seg/index.ts';
import { anatomy } from '../sample-dicom/lib/anatomy.ts';
import { tissueAt } from '../sample-dicom/lib/checks.ts';
import { CT_EXAMS, lesionParts, lesionsAt } from '../sample-dicom/lib/patient.ts';
import { DEFAULT_OUT_DIR, generateSamples } from '../sample-dicom/lib/samples.ts';
import type { Truth, TruthCtExam, TruthSeries } from '../sample-dicom/lib/truth.ts';

const OUT = DEFAULT_OUT_DIR;
let truth: Truth;
let report: MeasureReport;

beforeAll(() => {
  generateSamples({ outDir: OUT });
  truth = JSON.parse(readFileSync(join(OUT, 'truth.json'), 'utf8')) as Truth;
  let stdout = '';
  let stderr = '';
  const code = runCli(['measure', join(OUT, 'LLR-SAMPLE-004')], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: process.cwd(),
  });
  if (code !== 0) throw new Error(`measure exited ${code}: ${stderr}`);
  report = JSON.parse(stdout) as MeasureReport;
}, 120_000);

function ctSeries(exam: TruthCtExam): TruthSeries {
  return truth.series.find(
    (s) => s.role === 'ct-axial' && s.folder.includes(exam.date.replaceAll('-', '')),
  )!;
}

/** Voxel centres of the CT grid inside a lesion's ellipsoid (axial series, slices along −z). */
function ellipsoidVoxels(series: TruthSeries, centre: number[], radii: number[]): number {
  const [x0, y0, zTop] = series.firstImagePositionPatient;
  const [rowSpacing, columnSpacing] = series.pixelSpacingMm;
  let n = 0;
  for (let k = 0; k < series.slices; k++) {
    const z = zTop - k * series.sliceSpacingMm;
    const dz = (z - centre[2]!) / radii[2]!;
    if (dz * dz > 1) continue;
    for (let j = 0; j < series.rows; j++) {
      const dy = (y0 + j * rowSpacing - centre[1]!) / radii[1]!;
      if (dz * dz + dy * dy > 1) continue;
      for (let i = 0; i < series.columns; i++) {
        const dx = (x0 + i * columnSpacing - centre[0]!) / radii[0]!;
        if (dx * dx + dy * dy + dz * dz <= 1) n++;
      }
    }
  }
  return n;
}

describe('liver-review measure on the bundled sample patient', () => {
  it('reports the three CT dates with every lesion, linked by TrackingUID', () => {
    expect(report.patientId).toBe(truth.patient.id);
    expect(report.timepoints.map((t) => t.date)).toEqual(truth.ct.map((c) => c.date));
    for (const [i, exam] of truth.ct.entries()) {
      const tp = report.timepoints[i]!;
      expect(tp.studyInstanceUid).toBe(exam.studyInstanceUid);
      expect(tp.seriesInstanceUid).toBe(ctSeries(exam).seriesInstanceUid);
      expect(tp.lesions.map((l) => l.lesionId)).toEqual(exam.lesions.map((l) => l.id));
      const segs = exam.segmentation!.segments;
      expect(tp.lesions.map((l) => l.trackingUid)).toEqual(
        segs.filter((s) => s.role === 'lesion').map((s) => s.trackingUid),
      );
    }
    expect(report.warnings).toEqual([]);
  });

  it('matches truth.json: exact voxel counts, mean HU within 0.1, diameters within a pixel', () => {
    for (const [i, exam] of truth.ct.entries()) {
      const tp = report.timepoints[i]!;
      const series = ctSeries(exam);
      const voxelMl =
        (series.pixelSpacingMm[0] * series.pixelSpacingMm[1] * series.sliceSpacingMm) / 1000;
      const seg = (role: string, id: string | null = null) =>
        exam.segmentation!.segments.find((s) => s.role === role && s.lesionId === id)!;
      for (const lesion of tp.lesions) {
        const t = seg('lesion', lesion.lesionId);
        const shape = exam.lesions.find((l) => l.id === lesion.lesionId)!;
        expect(lesion.voxelCount, `${exam.date} ${lesion.lesionId}`).toBe(t.voxelCount);
        // Independent of the generator's raster: voxel centres inside the ellipsoid.
        expect(lesion.voxelCount).toBe(ellipsoidVoxels(series, shape.centreMm, shape.radiiMm));
        expect(Math.abs(lesion.meanHu - t.meanHu)).toBeLessThan(0.1);
        // Longest axial diameter of the ellipse cut by the slice nearest the centre.
        const offsets = Array.from({ length: series.slices }, (_, k) =>
          Math.abs(
            series.firstImagePositionPatient[2] - k * series.sliceSpacingMm - shape.centreMm[2],
          ),
        );
        const shrink = Math.sqrt(1 - (Math.min(...offsets) / shape.radiiMm[2]) ** 2);
        expect(
          Math.abs(lesion.longestAxialMm - shape.longestAxialDiameterMm * shrink),
          `${exam.date} ${lesion.lesionId}`,
        ).toBeLessThanOrEqual(series.pixelSpacingMm[1]);
      }
      const liver = seg('liver');
      const spleen = seg('spleen');
      expect(tp.liver!.volumeMl).toBeCloseTo(liver.voxelCount * voxelMl, 3);
      expect(Math.abs(tp.liver!.parenchymaMeanHu - liver.meanHu)).toBeLessThan(0.1);
      expect(tp.spleen!.volumeMl).toBeCloseTo(spleen.voxelCount * voxelMl, 3);
      expect(Math.abs(tp.spleen!.meanHu - spleen.meanHu)).toBeLessThan(0.1);
      // The phantom's L/S ratio (nominal HU, truth.json) within 0.03 of the measured one.
      expect(Math.abs(tp.liverToSpleenRatio! - exam.liverToSpleenRatio)).toBeLessThan(0.03);
    }
  });

  it('follows the clinical course: August new L4, L5 and progression; October PD against the July nadir', () => {
    const [july, august, october] = report.response;
    expect(july!.recist).toBe('BASELINE');
    expect(august!.newLesions).toEqual(['L4', 'L5']);
    expect(august!.recist).toBe('PD');
    expect(august!.volumetric).toBe('PD');
    // Targets L1 + L2 (the two largest ≥ 10 mm in July): October is stable against August but
    // +31 % against the nadir (July), which RECIST 1.1 §4.4.1 calls progression.
    expect(Math.abs(october!.changeFromPreviousPct!)).toBeLessThan(5);
    expect(october!.changeFromNadirPct!).toBeGreaterThan(20);
    expect(october!.recist).toBe('PD');
    const truthSum = (date: string) =>
      truth.ct
        .find((c) => c.date === date)!
        .lesions.filter((l) => l.id === 'L1' || l.id === 'L2')
        .reduce((s, l) => s + l.longestAxialDiameterMm, 0);
    // The July sum within two pixels (two diameters) of the truth.
    expect(Math.abs(july!.sumLongestDiametersMm - truthSum('2024-07-25'))).toBeLessThan(2 * 0.782);
  });
});

describe('the reference SEG of the October CT', () => {
  it('labels liver and spleen where the phantom shows them at the voxel centre', () => {
    const exam = truth.ct.find((c) => c.date === '2024-10-07')!;
    const dir = join(OUT, 'LLR-SAMPLE-004', '20241007_CT');
    const files = readdirSync(dir).flatMap((series) =>
      readdirSync(join(dir, series)).map((name) => ({
        name: `${series}/${name}`,
        bytes: new Uint8Array(readFileSync(join(dir, series, name))),
      })),
    );
    const study = ingestFiles(files).patients[0]!.studies[0]!;
    const segInstance = study.series.find((s) => s.kind === 'seg')!.instances[0]!;
    const parsed = parseSegmentation({ name: segInstance.file, bytes: segInstance.bytes });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const source = findSourceSeries(parsed.value, study.series)!;
    expect(source.method).toBe('referenced-series');
    const mapped = segmentationToLabelmap(parsed.value, segTargetFromSeries(source.series)!);
    if (!mapped.ok) throw new Error(mapped.error.message);
    expect(mapped.value.framesByReference).toBe(exam.segmentation!.frames);
    const g = source.series.geometry!;
    const octExam = CT_EXAMS.find((e) => e.key === 'oct')!;
    const parts = [...anatomy(), ...lesionParts(lesionsAt(octExam.key))];
    const number = (role: string) =>
      exam.segmentation!.segments.find((s) => s.role === role)!.segmentNumber;
    const expectedLabel = (tissue: string): number =>
      tissue === 'liver' ? number('liver') : tissue === 'spleen' ? number('spleen') : -1;
    // Sample voxels on a lattice through the upper abdomen; compare organ labels.
    let checked = 0;
    const [nx, ny, nz] = g.dimensions;
    for (let k = 0; k < nz; k += 3) {
      for (let j = 0; j < ny; j += 23) {
        for (let i = 0; i < nx; i += 19) {
          const p: [number, number, number] = [
            g.origin[0] + i * g.spacing[0],
            g.origin[1] + j * g.spacing[1],
            g.origin[2] + k * g.spacing[2],
          ];
          const tissue = tissueAt(parts, p);
          const label = mapped.value.labels[(k * ny + j) * nx + i]!;
          const organ = expectedLabel(tissue);
          if (organ > 0) {
            expect(label, `${tissue} at ${p.join(',')}`).toBe(organ);
            checked++;
          } else if (tissue !== 'lesion') {
            expect(label, `${tissue} at ${p.join(',')}`).toBe(0);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 60_000);
});
