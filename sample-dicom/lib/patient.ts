/**
 * The modelled patient (seed 004: 45 kg woman, HER2-negative metastatic breast cancer, liver
 * metastases, biliary interruption at the hilum) and how she changes between examinations.
 * All numbers here are copied into truth.json.
 */
import type { Part } from './anatomy.ts';
import type { Vec3 } from './raster.ts';
import { CT_BASE_HU, type TissueTable } from './tissues.ts';

export const PATIENT = {
  patientNumber: 1, // UID arc number (see uids.ts)
  name: 'SAMPLE^LIVER',
  id: 'LLR-SAMPLE-004',
  sex: 'F',
  birthDate: '19710314',
  weightKg: 45,
  heightM: 1.58,
} as const;

export type Couinaud = 'I' | 'II' | 'III' | 'IVa' | 'IVb' | 'V' | 'VI' | 'VII' | 'VIII';

export interface LesionAtDate {
  id: string;
  segment: Couinaud;
  /** Centre, patient mm (LPS). */
  centreMm: Vec3;
  /** Semi-axes along patient x, y, z, mm (axis-aligned ellipsoid). */
  radiiMm: Vec3;
}

interface LesionCourse {
  id: string;
  segment: Couinaud;
  centreMm: Vec3;
  /** Radii per examination key; absent = lesion not present yet. */
  radii: Partial<Record<'jul' | 'aug' | 'oct', Vec3>>;
}

/**
 * Lesions grow around fixed centres. July: three (28, 20, 14 mm longest axial diameter);
 * August: those enlarged (sum 62 → 83 mm, +34 %) plus two new ones (13 and 16 mm);
 * October: the same five within ±5 % of August (stable disease).
 */
const LESIONS: LesionCourse[] = [
  {
    id: 'L1',
    segment: 'VII',
    centreMm: [-82, 24, -76],
    radii: { jul: [14, 13, 13], aug: [18, 17, 16.5], oct: [18.4, 17.3, 16.8] },
  },
  {
    id: 'L2',
    segment: 'VIII',
    centreMm: [-48, -26, -62],
    radii: { jul: [10, 9, 9], aug: [13.5, 12.5, 12], oct: [13.2, 12.3, 12] },
  },
  {
    id: 'L3',
    segment: 'IVb',
    centreMm: [-14, -38, -108],
    radii: { jul: [7, 6.5, 6.5], aug: [10, 9.5, 9], oct: [10.3, 9.6, 9.2] },
  },
  {
    id: 'L4',
    segment: 'VI',
    centreMm: [-92, 10, -128],
    radii: { aug: [6.5, 6, 6], oct: [6.6, 6.2, 6] },
  },
  {
    id: 'L5',
    segment: 'III',
    centreMm: [30, -48, -100],
    radii: { aug: [8, 7.5, 7], oct: [8.2, 7.6, 7.2] },
  },
];

export type ExamKey = 'jul' | 'aug' | 'oct';

export function lesionsAt(key: ExamKey): LesionAtDate[] {
  const out: LesionAtDate[] = [];
  for (const l of LESIONS) {
    const r = l.radii[key];
    if (r) out.push({ id: l.id, segment: l.segment, centreMm: l.centreMm, radiiMm: r });
  }
  return out;
}

export function lesionParts(lesions: readonly LesionAtDate[]): Part[] {
  return lesions.map((l) => ({
    name: `lesion.${l.id}`,
    tissue: 'lesion' as const,
    shape: { kind: 'ellipsoid' as const, centre: l.centreMm, radii: l.radiiMm },
    edgeMm: 1,
  }));
}

/** Box regions of pure parenchyma (checked against the phantom by the generator). */
export const ROIS = {
  liver: { centreMm: [-75, -10, -130] as Vec3, halfSizeMm: [5, 5, 5] as Vec3 },
  spleen: { centreMm: [85, 35, -90] as Vec3, halfSizeMm: [6, 6, 6] as Vec3 },
};

export interface CtExam {
  key: ExamKey;
  /** DICOM date YYYYMMDD. */
  date: string;
  time: string;
  studyNumber: number;
  accession: string;
  rows: number;
  columns: number;
  slices: number;
  pixelSpacingMm: number;
  sliceSpacingMm: number;
  /** 'unsigned': PixelRepresentation 0, BitsStored 12, intercept −1024; 'signed': 1, 16, 0. */
  storage: 'unsigned' | 'signed';
  liverHu: number;
  spleenHu: number;
  lesionHu: number;
  withLocalizer: boolean;
}

export const CT_EXAMS: CtExam[] = [
  {
    key: 'jul',
    date: '20240725',
    time: '091512',
    studyNumber: 1,
    accession: 'LLR24072501',
    rows: 512,
    columns: 512,
    slices: 200,
    pixelSpacingMm: 0.78125,
    sliceSpacingMm: 1.25,
    storage: 'unsigned',
    liverHu: 120,
    spleenHu: 105,
    lesionHu: 52,
    withLocalizer: true,
  },
  {
    key: 'aug',
    date: '20240812',
    time: '140230',
    studyNumber: 3,
    accession: 'LLR24081201',
    rows: 512,
    columns: 512,
    slices: 100,
    pixelSpacingMm: 0.78125,
    sliceSpacingMm: 2.5,
    storage: 'signed',
    liverHu: 95,
    spleenHu: 110,
    lesionHu: 48,
    withLocalizer: false,
  },
  {
    key: 'oct',
    date: '20241007',
    time: '102744',
    studyNumber: 4,
    accession: 'LLR24100701',
    rows: 512,
    columns: 512,
    slices: 50,
    pixelSpacingMm: 0.78125,
    sliceSpacingMm: 5,
    storage: 'unsigned',
    liverHu: 112,
    spleenHu: 107,
    lesionHu: 55,
    withLocalizer: false,
  },
];

/** First (most cranial) axial slice position z, mm; slices go caudally from here. */
export const CT_TOP_Z_MM = 0;
/** CT noise (Gaussian sigma, HU) added after painting. */
export const CT_NOISE_SIGMA_HU = 11;

export function ctTissueTable(
  exam: Pick<CtExam, 'liverHu' | 'spleenHu' | 'lesionHu'>,
): TissueTable {
  return { ...CT_BASE_HU, liver: exam.liverHu, spleen: exam.spleenHu, lesion: exam.lesionHu };
}

export const MR_EXAM = {
  key: 'jul' as ExamKey, // lesions as on the July CT (one day earlier)
  date: '20240726',
  time: '083005',
  studyNumber: 2,
  accession: 'LLR24072601',
  /** Axial T1/T2: 256×256, 1.5 mm pixels, 40 slices 6 mm apart from z = −5. */
  axial: {
    rows: 256,
    columns: 256,
    pixelSpacingMm: 1.5,
    slices: 40,
    sliceSpacingMm: 6,
    sliceThicknessMm: 5,
    topZMm: -5,
  },
  /** MRCP: coronal 3D, 256×256, 1.25 mm pixels, 48 partitions 1.5 mm apart (anterior → posterior). */
  mrcp: {
    rows: 256,
    columns: 256,
    pixelSpacingMm: 1.25,
    slices: 48,
    sliceSpacingMm: 1.5,
    centreMm: [-10, -13, -110] as Vec3,
  },
  noiseSigma: { t1: 14, t2: 12, mrcp: 10 },
};
