/**
 * `liver-review measure` end to end on small generated CT studies with DICOM SEGs (64×48×20
 * grids), against truths computed voxel by voxel by the fixture (test/support/measureFixtures):
 * exact voxel counts, mean HU within 0.1, diameters within one pixel spacing, linking, response
 * and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { MeasureReport, MeasuredTimepoint } from '../src/cli/types.ts';
import type { InputFile } from '../src/dicom/types.ts';
import {
  buildStudy,
  type BuiltStudy,
  type Shape,
  type StudySpec,
  type Vec3,
} from './support/measureFixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeTree(files: readonly InputFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'measure-'));
  dirs.push(dir);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.name)), { recursive: true });
    writeFileSync(join(dir, f.name), f.bytes);
  }
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: string[], cwd = process.cwd()): Run {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

function measure(...studies: BuiltStudy[]): { report: MeasureReport; stderr: string } {
  const dir = writeTree(studies.flatMap((s) => s.files));
  const result = run(['measure', dir]);
  expect(result.code, result.stderr).toBe(0);
  return { report: JSON.parse(result.stdout) as MeasureReport, stderr: result.stderr };
}

const shift = (p: Vec3, d: Vec3): Vec3 => [p[0] + d[0], p[1] + d[1], p[2] + d[2]];

/** Liver, spleen and two lesions; lesion radii scaled by `grow`, everything moved by `by`. */
function shapes(options: { grow?: number; by?: Vec3; newLesion?: boolean } = {}): Shape[] {
  const g = options.grow ?? 1;
  const by = options.by ?? [0, 0, 0];
  const list: Shape[] = [
    {
      role: 'liver',
      label: 'Liver',
      centreMm: shift([-19, 1, -25], by),
      radiiMm: [34, 27, 20],
      hu: 110,
    },
    {
      role: 'spleen',
      label: 'Spleen',
      centreMm: shift([41, 11, -25], by),
      radiiMm: [11, 13, 11],
      hu: 96,
    },
    {
      role: 'lesion',
      label: 'Metastasis A',
      centreMm: shift([-27, 5, -25], by),
      radiiMm: [8 * g, 7 * g, 6 * g],
      hu: 48,
      trackingId: 'L1',
      trackingUid: '2.25.1001',
    },
    {
      role: 'lesion',
      label: 'Metastasis B',
      centreMm: shift([-3, -11, -20], by),
      radiiMm: [5 * g, 5 * g, 5 * g],
      hu: 40,
      trackingId: 'L2',
      trackingUid: '2.25.1002',
    },
  ];
  if (options.newLesion)
    list.push({
      role: 'lesion',
      label: 'New C',
      centreMm: shift([-35, -13, -30], by),
      radiiMm: [6, 6, 5],
      hu: 45,
      type: 'mass',
      trackingId: 'L3',
      trackingUid: '2.25.1003',
    });
  return list;
}

function study(spec: Partial<StudySpec> & Pick<StudySpec, 'study' | 'date'>): BuiltStudy {
  return buildStudy({ noiseHu: 9, shapes: shapes(), ...spec });
}

/** Checks one measured date against the fixture's truth. */
function expectMatchesTruth(tp: MeasuredTimepoint, built: BuiltStudy): void {
  const [sx, sy] = built.spacingMm;
  const onePixel = Math.max(sx, sy);
  const truthOf = (label: string) => built.truth.find((t) => t.label === label)!;
  for (const lesion of tp.lesions) {
    const t = truthOf(lesion.label);
    expect(lesion.voxelCount, lesion.label).toBe(t.voxelCount);
    expect(Math.abs(lesion.meanHu - t.meanHu), lesion.label).toBeLessThan(0.1);
    expect(lesion.volumeMl).toBeCloseTo(t.volumeMl, 3);
    expect(Math.abs(lesion.longestAxialMm - t.longestAxialMm), lesion.label).toBeLessThanOrEqual(
      onePixel,
    );
    expect(Math.abs(lesion.shortAxisMm - t.shortAxisMm), lesion.label).toBeLessThanOrEqual(
      onePixel,
    );
    lesion.centroidMm.forEach((c, a) =>
      expect(Math.abs(c - t.centreMm[a]!)).toBeLessThanOrEqual(onePixel / 2),
    );
  }
  expect(tp.lesions).toHaveLength(built.truth.filter((t) => t.role === 'lesion').length);
  const liver = truthOf('Liver');
  const spleen = truthOf('Spleen');
  const voxelMl = (built.spacingMm[0] * built.spacingMm[1] * built.spacingMm[2]) / 1000;
  expect(tp.liver!.volumeMl).toBeCloseTo(liver.drawnVoxelCount * voxelMl, 3);
  expect(Math.abs(tp.liver!.parenchymaMeanHu - liver.meanHu)).toBeLessThan(0.1);
  expect(tp.spleen!.volumeMl).toBeCloseTo(spleen.voxelCount * voxelMl, 3);
  expect(Math.abs(tp.spleen!.meanHu - spleen.meanHu)).toBeLessThan(0.1);
  expect(tp.liverToSpleenRatio!).toBeCloseTo(liver.meanHu / spleen.meanHu, 3);
  const total = built.truth.filter((t) => t.role === 'lesion').reduce((s, t) => s + t.volumeMl, 0);
  expect(tp.totalLesionVolumeMl).toBeCloseTo(total, 3);
}

describe('liver-review measure on one date', () => {
  it('gives exact voxel counts, mean HU within 0.1 and diameters within one pixel', () => {
    const built = study({ study: 1, date: '20240725' });
    const { report } = measure(built);
    expect(report.patientId).toBe('P-MEASURE');
    expect(report.timepoints).toHaveLength(1);
    const [tp] = report.timepoints;
    expect(tp!.date).toBe('2024-07-25');
    expect(tp!.studyInstanceUid).toBe(built.studyUid);
    expect(tp!.seriesInstanceUid).toBe(built.seriesUid);
    expectMatchesTruth(tp!, built);
    expect(tp!.lesions.map((l) => [l.lesionId, l.trackingUid])).toEqual([
      ['L1', '2.25.1001'],
      ['L2', '2.25.1002'],
    ]);
    expect(report.response).toEqual([
      expect.objectContaining({ date: '2024-07-25', recist: 'BASELINE', volumetric: 'BASELINE' }),
    ]);
    // Targets: both lesions are ≥ 10 mm; the sum is their longest axial diameters.
    expect(report.response[0]!.sumLongestDiametersMm).toBeCloseTo(
      tp!.lesions.reduce((s, l) => s + l.longestAxialMm, 0),
      2,
    );
  });

  it('reads reversed instance order, signed storage and non-square pixels', () => {
    const built = study({
      study: 2,
      date: '20240726',
      reverseInstances: true,
      storage: 'signed',
      pixelSpacingMm: [1.6, 2.2],
      rows: 60,
      columns: 58,
    });
    expectMatchesTruth(measure(built).report.timepoints[0]!, built);
  });

  it('gives the same numbers when the SEG frames come shuffled', () => {
    const ordered = study({ study: 3, date: '20240727' });
    const shuffled = study({ study: 3, date: '20240727', seg: { shuffleFrames: true } });
    expect(Buffer.compare(ordered.files.at(-1)!.bytes, shuffled.files.at(-1)!.bytes)).not.toBe(0);
    const a = measure(ordered).report;
    const b = measure(shuffled).report;
    expect(b.timepoints).toEqual(a.timepoints);
    expectMatchesTruth(b.timepoints[0]!, shuffled);
  });

  it('measures the parenchyma without lesion voxels when the liver segment overlaps them', () => {
    const built = study({ study: 4, date: '20240728', seg: { liverIncludesLesions: true } });
    const liver = built.truth.find((t) => t.label === 'Liver')!;
    expect(liver.drawnVoxelCount).toBeGreaterThan(liver.voxelCount);
    const { report, stderr } = measure(built);
    expectMatchesTruth(report.timepoints[0]!, built);
    expect(stderr).toMatch(/segments overlap/);
  });

  it('leaves out a SEG drawn on an MR series, saying so (the report is in HU)', () => {
    const ct = study({ study: 6, date: '20240725' });
    const mr = study({ study: 7, date: '20240726', modality: 'MR' });
    const { report, stderr } = measure(ct, mr);
    expect(report.timepoints.map((t) => t.date)).toEqual(['2024-07-25']);
    expect(stderr).toMatch(/its source series is MR; measure reports CT \(HU\) only/);
  });

  it('skips a localizer and stray files, warning about each file it could not read', () => {
    const built = study({ study: 5, date: '20240729', extras: true });
    const { report, stderr } = measure(built);
    expectMatchesTruth(report.timepoints[0]!, built);
    expect(stderr).toMatch(/warning: skipped .*notes\.txt: .*NOT_DICOM/);
    expect(stderr).toMatch(/warning: skipped .*random\.bin/);
    expect(report.warnings.some((w) => w.includes('notes.txt'))).toBe(true);
    expect(stderr).not.toMatch(/localizer/);
  });
});

describe('liver-review measure across dates', () => {
  it('links by TrackingUID across slice thicknesses and reports new lesions and PD', () => {
    const july = study({ study: 11, date: '20240725', sliceSpacingMm: 2.5 });
    // August: 5 mm slices, lesions grown 40 %, a new one; segment order differs from July.
    const augustSpec: StudySpec = {
      study: 12,
      date: '20240812',
      sliceSpacingMm: 5,
      slices: 11,
      noiseHu: 9,
      shapes: shapes({ grow: 1.4, newLesion: true }).reverse(),
    };
    const august = buildStudy(augustSpec);
    const { report } = measure(july, august);
    expect(report.timepoints.map((t) => t.date)).toEqual(['2024-07-25', '2024-08-12']);
    expectMatchesTruth(report.timepoints[1]!, august);
    const idsByLabel = (tp: MeasuredTimepoint) =>
      Object.fromEntries(tp.lesions.map((l) => [l.label, l.lesionId]));
    expect(idsByLabel(report.timepoints[0]!)).toEqual({
      'Metastasis A': 'L1',
      'Metastasis B': 'L2',
    });
    expect(idsByLabel(report.timepoints[1]!)).toEqual({
      'Metastasis A': 'L1',
      'Metastasis B': 'L2',
      'New C': 'L3',
    });
    const [base, follow] = report.response;
    expect(follow!.newLesions).toEqual(['L3']);
    expect(follow!.recist).toBe('PD');
    expect(follow!.volumetric).toBe('PD');
    // Hand check: the targets' sum grows from July's to August's measured diameters.
    const sum = (tp: MeasuredTimepoint) =>
      tp.lesions.filter((l) => l.lesionId !== 'L3').reduce((s, l) => s + l.longestAxialMm, 0);
    expect(base!.sumLongestDiametersMm).toBeCloseTo(sum(report.timepoints[0]!), 2);
    expect(follow!.sumLongestDiametersMm).toBeCloseTo(sum(report.timepoints[1]!), 2);
    expect(follow!.changeFromBaselinePct!).toBeCloseTo(
      (100 * (follow!.sumLongestDiametersMm - base!.sumLongestDiametersMm)) /
        base!.sumLongestDiametersMm,
      1,
    );
  });

  it('links by position without tracking ids in one frame of reference', () => {
    const frameOfReferenceUid = '1.2.826.0.1.3680043.10.1478.96.0.77';
    const a = study({ study: 21, date: '20240725', seg: { tracking: false }, frameOfReferenceUid });
    const b = buildStudy({
      study: 22,
      date: '20241007',
      noiseHu: 9,
      frameOfReferenceUid,
      seg: { tracking: false },
      // Lesions listed in the other order and shrunk by 40 %: PR.
      shapes: shapes({ grow: 0.6 }).reverse(),
    });
    const { report } = measure(a, b);
    const byLabel = (tp: MeasuredTimepoint) =>
      Object.fromEntries(tp.lesions.map((l) => [l.label, l.lesionId]));
    expect(byLabel(report.timepoints[1]!)).toEqual(byLabel(report.timepoints[0]!));
    expect(report.timepoints[0]!.lesions.every((l) => l.trackingUid === null)).toBe(true);
    expect(report.response[1]!.newLesions).toEqual([]);
    expect(report.response[1]!.recist).toBe('PR');
  });

  it('aligns the livers when the patient moved between frames of reference', () => {
    const a = study({ study: 31, date: '20240725', seg: { tracking: false } });
    // 24 mm away in raw coordinates: beyond the 15 mm of a position match without alignment.
    const by: Vec3 = [14, -12, 15];
    const b = buildStudy({
      study: 32,
      date: '20240812',
      noiseHu: 9,
      topZMm: 15,
      seg: { tracking: false },
      shapes: shapes({ by }),
    });
    const { report } = measure(a, b);
    expect(report.timepoints[1]!.lesions.map((l) => [l.label, l.lesionId])).toEqual(
      report.timepoints[0]!.lesions.map((l) => [l.label, l.lesionId]),
    );
    expect(report.response[1]!.newLesions).toEqual([]);
    expect(report.response[1]!.recist).toBe('SD');
  });
});

describe('liver-review command line', () => {
  const one = study({ study: 41, date: '20240725' });

  it('writes CSV, one row per lesion per date, formulas escaped and numbers intact', () => {
    const built = buildStudy({
      study: 42,
      date: '20240725',
      shapes: shapes().map((s) =>
        s.label === 'Metastasis B' ? { ...s, label: '=HYPERLINK("x")' } : s,
      ),
    });
    const dir = writeTree(built.files);
    const out = join(dir, 'report.csv');
    const result = run(['measure', dir, '--format', 'csv', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const parsed = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').trim(), {
      header: true,
    });
    expect(parsed.data).toHaveLength(2);
    expect(parsed.data.map((r) => r['label'])).toEqual(['Metastasis A', `'=HYPERLINK("x")`]);
    const a = parsed.data[0]!;
    const truthA = built.truth.find((t) => t.label === 'Metastasis A')!;
    expect(Number(a['voxelCount'])).toBe(truthA.voxelCount);
    expect(a['centroidXMm']).toMatch(/^-2[67](\.\d+)?$/);
    expect(a['recist']).toBe('BASELINE');
    expect(a['lesionId']).toBe('L1');
  });

  it('exits 2 on usage errors', () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['measure'],
      ['measure', '.', '--format', 'xml'],
      ['measure', '.', '--out'],
      ['measure', '.', '--colour'],
      ['measure', '/no/such/folder'],
    ]) {
      const result = run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/liver-review: /);
    }
    expect(run(['--help']).code).toBe(0);
  });

  it('exits 3 naming the patients when the input holds several', () => {
    const other = study({
      study: 43,
      date: '20240801',
      patientId: 'OTHER-1',
      patientName: 'OTHER^PATIENT',
    });
    const dir = writeTree([...one.files, ...other.files]);
    const result = run(['measure', dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/2 patients: .*OTHER-1.*P-MEASURE|P-MEASURE.*OTHER-1/);
    expect(result.stdout).toBe('');
  });

  it('exits 3 without DICOM or without a SEG, saying why', () => {
    const empty = writeTree([{ name: 'a.txt', bytes: new Uint8Array([1, 2, 3]) }]);
    expect(run(['measure', empty]).stderr).toMatch(/no DICOM files/);
    expect(run(['measure', empty]).code).toBe(3);
    const noSeg = writeTree(
      buildStudy({ study: 44, date: '20240725', shapes: shapes(), seg: null }).files,
    );
    const result = run(['measure', noSeg]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/NO_SEGMENTATION/);
  });

  it('runs as the package bin through the tsx launcher', () => {
    const dir = writeTree(one.files);
    const bin = spawnSync(process.execPath, ['src/cli/liver-review.mjs', 'measure', dir], {
      encoding: 'utf8',
    });
    expect(bin.status, bin.stderr).toBe(0);
    const report = JSON.parse(bin.stdout) as MeasureReport;
    expectMatchesTruth(report.timepoints[0]!, one);
    const bad = spawnSync(process.execPath, ['src/cli/liver-review.mjs', 'measure'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
  });
});
