/**
 * Ground truth of the sample patient, written to sample-dicom/out/truth.json. Everything later
 * tests measure (lesion sizes, liver/spleen attenuation, the MRCP interruption, geometry) is
 * here, computed from the same definitions the images are painted from.
 */
import { anatomy, biliaryTree } from './anatomy.ts';
import { interruptionGeometry } from './checks.ts';
import {
  CT_EXAMS,
  CT_NOISE_SIGMA_HU,
  lesionsAt,
  MR_EXAM,
  PATIENT,
  ROIS,
  type LesionAtDate,
} from './patient.ts';
import type { Primitive, Vec3 } from './raster.ts';
import type { TruthSegmentation } from './segReference.ts';
import type { SeriesGeometry } from './series.ts';
import {
  CT_BASE_HU,
  MR_T1_SIGNAL,
  MR_T2_SIGNAL,
  MRCP_SIGNAL,
  type Tissue,
  type TissueTable,
} from './tissues.ts';
import { studyUid } from './uids.ts';

export const TRUTH_VERSION = 1;

export interface TruthLesion extends LesionAtDate {
  /** Lesion value on this examination (HU for CT). */
  value: number;
  /** 2 · max(rx, ry): longest diameter in an axial plane (RECIST). */
  longestAxialDiameterMm: number;
  /** 4/3 π rx ry rz, millilitres. */
  volumeMl: number;
  /** First seen on this date. */
  isNew: boolean;
}

export interface TruthSeries extends SeriesGeometry {
  files: number;
  firstFile: string;
  lastFile: string;
}

export interface Roi {
  centreMm: Vec3;
  halfSizeMm: Vec3;
}

export interface SeriesRef {
  role: string;
  seriesInstanceUid: string;
  folder: string;
}

export interface TruthCtExam {
  /** ISO date YYYY-MM-DD. */
  date: string;
  studyInstanceUid: string;
  contrastPhase: 'portal venous';
  /** Nominal (noise-free) parenchyma values, HU. */
  liverHu: number;
  spleenHu: number;
  liverToSpleenRatio: number;
  liverMinusSpleenHu: number;
  lesionHu: number;
  noiseSigmaHu: number;
  rois: { liver: Roi; spleen: Roi };
  lesions: TruthLesion[];
  /** Sum of longestAxialDiameterMm over all lesions of the date. */
  sumLongestAxialDiametersMm: number;
  series: SeriesRef[];
  /** The reference DICOM SEG written beside the CT, with exact voxel counts and mean HU. */
  segmentation: TruthSegmentation | null;
}

export type { TruthSegment, TruthSegmentation } from './segReference.ts';

export interface TruthMrLesion extends Omit<TruthLesion, 'value'> {
  t1Signal: number;
  t2Signal: number;
}

export interface Truth {
  version: number;
  generator: { version: number; hash: string };
  conventions: Record<string, string>;
  patient: {
    name: string;
    id: string;
    sex: string;
    birthDate: string;
    weightKg: number;
    heightM: number;
    modelledOn: string;
  };
  ct: TruthCtExam[];
  mr: {
    date: string;
    studyInstanceUid: string;
    fieldStrengthT: number;
    lesions: TruthMrLesion[];
    findings: { t1: string; t2: string };
    rois: { liver: Roi; spleen: Roi };
    series: SeriesRef[];
  };
  mrcp: {
    date: string;
    seriesInstanceUid: string | null;
    interruption: {
      pointMm: Vec3;
      duct: string;
      bismuthCorlette: 'I' | 'II' | 'IIIa' | 'IIIb' | 'IV';
      upperStumpEndMm: Vec3;
      lowerStumpStartMm: Vec3;
      gapLengthMm: number;
      distanceBelowConfluenceMm: number;
      cause: string;
    };
    confluenceMm: Vec3;
    cysticDuctJunctionMm: Vec3;
    upstreamIntrahepaticDucts: string;
    commonBileDuctRadiusMm: [number, number];
  };
  tissues: {
    ctBaseHu: TissueTable;
    mrT1Signal: TissueTable;
    mrT2Signal: TissueTable;
    mrcpSignal: TissueTable;
  };
  series: TruthSeries[];
  phantom: { note: string; anatomy: Primitive<Tissue>[] };
}

const CONVENTIONS = {
  coordinates:
    "DICOM patient coordinates (LPS), millimetres: +x towards the patient's left, +y posterior, +z head. " +
    'The phantom is placed identically in every study (perfectly registered), although each study has its own FrameOfReferenceUID.',
  sampling:
    'Each pixel holds the phantom value at the pixel centre (point sampling: no partial-volume averaging over pixel or slice thickness), then noise, then quantisation.',
  edges:
    'Every shape has a soft edge: value = previous + (tissue - previous) * alpha, alpha a linear ramp edgeMm wide centred on the surface. ' +
    "The alpha = 0.5 iso-surface is exactly the recorded shape, so a lesion's extent is its radii (threshold halfway between lesion and liver value).",
  painting:
    'Primitives are painted in the order listed in phantom.anatomy, then the lesions of the date; later ones replace earlier ones.',
  noise:
    'Independent Gaussian noise, sigma = series noiseSigma (HU or signal units). MR magnitude: |value + noise|.',
  quantisation:
    'stored = round((value - RescaleIntercept) / RescaleSlope), clamped to the stored range (see storage).',
  lesions: 'Axis-aligned ellipsoids: radiiMm are the semi-axes along patient x, y, z.',
  rois: 'Boxes (centre ± halfSize, mm) verified by the generator to contain only that tissue (no vessel, duct or lesion, including soft edges).',
  segmentation:
    'ct[].segmentation: a binary DICOM SEG on the CT grid. A voxel belongs to the structure of the last painted primitive whose surface contains its centre (alpha >= 0.5): ' +
    'liver = liver lobes minus the vessels, ducts, gallbladder and lesions painted over them; spleen likewise; lesion Ln = centre inside its ellipsoid. Segments do not overlap. ' +
    'voxelCount is exact; meanHu is the mean of the stored CT values (after rescale) over those voxels; TrackingID = lesion id, TrackingUID the same for a lesion on every date.',
};

function describeLesions(
  lesions: LesionAtDate[],
  value: number,
  previous: Set<string> | undefined,
): TruthLesion[] {
  return lesions.map((l) => ({
    ...l,
    value,
    longestAxialDiameterMm: 2 * Math.max(l.radiiMm[0], l.radiiMm[1]),
    volumeMl:
      Math.round(((4 / 3) * Math.PI * l.radiiMm[0] * l.radiiMm[1] * l.radiiMm[2]) / 10) / 100,
    isNew: previous ? !previous.has(l.id) : false,
  }));
}

function isoDate(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

function round(v: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function roundVec(v: Vec3): Vec3 {
  return [round(v[0]), round(v[1]), round(v[2])];
}

export function buildTruth(
  series: TruthSeries[],
  generator: { version: number; hash: string },
  segmentations: ReadonlyMap<string, TruthSegmentation> = new Map(),
): Truth {
  let previous: Set<string> | undefined;
  const ct = CT_EXAMS.map((exam): TruthCtExam => {
    const lesions = describeLesions(lesionsAt(exam.key), exam.lesionHu, previous);
    previous = new Set(lesions.map((l) => l.id));
    const mine = series.filter(
      (s) =>
        s.studyInstanceUid ===
        studyUid({ patient: PATIENT.patientNumber, study: exam.studyNumber }),
    );
    return {
      date: isoDate(exam.date),
      studyInstanceUid: studyUid({ patient: PATIENT.patientNumber, study: exam.studyNumber }),
      contrastPhase: 'portal venous' as const,
      liverHu: exam.liverHu,
      spleenHu: exam.spleenHu,
      liverToSpleenRatio: round(exam.liverHu / exam.spleenHu),
      liverMinusSpleenHu: exam.liverHu - exam.spleenHu,
      lesionHu: exam.lesionHu,
      noiseSigmaHu: CT_NOISE_SIGMA_HU,
      rois: ROIS,
      lesions,
      sumLongestAxialDiametersMm: round(lesions.reduce((s, l) => s + l.longestAxialDiameterMm, 0)),
      series: mine.map((s) => ({
        role: s.role,
        seriesInstanceUid: s.seriesInstanceUid,
        folder: s.folder,
      })),
      segmentation: segmentations.get(exam.date) ?? null,
    };
  });
  const mrStudy = studyUid({ patient: PATIENT.patientNumber, study: MR_EXAM.studyNumber });
  const tree = biliaryTree();
  const gap = interruptionGeometry();
  const mrcpSeries = series.find((s) => s.role === 'mrcp');
  return {
    version: TRUTH_VERSION,
    generator,
    conventions: CONVENTIONS,
    patient: {
      name: PATIENT.name,
      id: PATIENT.id,
      sex: PATIENT.sex,
      birthDate: isoDate(PATIENT.birthDate),
      weightKg: PATIENT.weightKg,
      heightM: PATIENT.heightM,
      modelledOn:
        'seed 004: HER2-negative metastatic breast cancer, liver metastases, biliary interruption at the hilum',
    },
    ct,
    mr: {
      date: isoDate(MR_EXAM.date),
      studyInstanceUid: mrStudy,
      fieldStrengthT: 1.5,
      lesions: describeLesions(lesionsAt(MR_EXAM.key), MR_T2_SIGNAL.lesion, undefined).map(
        ({ value: _v, ...l }) => ({
          ...l,
          t1Signal: MR_T1_SIGNAL.lesion,
          t2Signal: MR_T2_SIGNAL.lesion,
        }),
      ),
      findings: {
        t1: 'metastases hypointense to liver (lesion < liver)',
        t2: 'metastases hyperintense; liver parenchyma mildly bright (oedema): liver T2 signal 300 where a normal liver would be ~200',
      },
      rois: ROIS,
      series: series
        .filter((s) => s.studyInstanceUid === mrStudy)
        .map((s) => ({ role: s.role, seriesInstanceUid: s.seriesInstanceUid, folder: s.folder })),
    },
    mrcp: {
      date: isoDate(MR_EXAM.date),
      seriesInstanceUid: mrcpSeries?.seriesInstanceUid ?? null,
      interruption: {
        pointMm: roundVec(gap.pointMm),
        duct: 'common hepatic duct',
        bismuthCorlette: 'I',
        upperStumpEndMm: roundVec(gap.upperStumpEndMm),
        lowerStumpStartMm: roundVec(gap.lowerStumpStartMm),
        gapLengthMm: round(gap.gapLengthMm, 2),
        distanceBelowConfluenceMm: round(gap.distanceBelowConfluenceMm, 2),
        cause: 'tumour invasion or external compression (seed 004 Fig. 3c)',
      },
      confluenceMm: tree.confluence,
      cysticDuctJunctionMm: tree.cysticJunction,
      upstreamIntrahepaticDucts: 'dilated, uneven calibre (radius 2.2–3.8 mm near the hilum)',
      commonBileDuctRadiusMm: [2.4, 2.9] as [number, number],
    },
    tissues: {
      ctBaseHu: CT_BASE_HU,
      mrT1Signal: MR_T1_SIGNAL,
      mrT2Signal: MR_T2_SIGNAL,
      mrcpSignal: MRCP_SIGNAL,
    },
    series,
    phantom: {
      note: 'Ordered primitives (see conventions). Lesions of each date are appended after these, in ct[].lesions order, with edgeMm 1 and tissue "lesion".',
      anatomy: anatomy().map((p: Primitive<Tissue>) => ({ ...p, shape: roundShape(p.shape) })),
    },
  };
}

function roundShape(s: Primitive['shape']): Primitive['shape'] {
  if (s.kind === 'ellipsoid') return { ...s, centre: roundVec(s.centre), radii: roundVec(s.radii) };
  return { ...s, a: roundVec(s.a), b: roundVec(s.b), ra: round(s.ra), rb: round(s.rb) };
}
