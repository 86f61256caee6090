/**
 * CT writer: axial portal-venous series of any size (buildCtSeries / ctSeriesFiles). The
 * localizer (localizer.ts) reuses resolveCt / ctHeader / ctGeometry.
 */
import type { NaturalDataset } from 'dcmjs';
import { anatomyParts, type Part } from './anatomy.ts';
import {
  addSeconds,
  commonModules,
  CT_IMAGE_STORAGE,
  ds,
  imageModules,
  type EquipmentInfo,
  type PatientInfo,
} from './modules.ts';
import {
  CT_EXAMS,
  CT_NOISE_SIGMA_HU,
  CT_TOP_Z_MM,
  ctTissueTable,
  lesionParts,
  lesionsAt,
  PATIENT,
  type CtExam,
  type LesionAtDate,
} from './patient.ts';
import { hashSeed } from './prng.ts';
import {
  encode,
  fileName,
  planeFor,
  quantise,
  renderSlice,
  topLeftFor,
  type GeneratedFile,
  type SeriesGeometry,
  type StorageInfo,
} from './series.ts';
import type { TissueTable } from './tissues.ts';
import { frameOfReferenceUid, seriesUid, studyUid, type SeriesKey } from './uids.ts';

export const CT_EQUIPMENT: EquipmentInfo = {
  manufacturer: 'LLR Synthetic',
  model: 'Phantom CT 64',
  station: 'LLRCT01',
  software: 'llr-sample-dicom 1',
  serial: 'LLR-CT-0001',
};

const AXIAL: [number, number, number, number, number, number] = [1, 0, 0, 0, 1, 0];

export interface CtSeriesOptions {
  rows: number;
  columns: number;
  slices: number;
  pixelSpacingMm: number;
  sliceSpacingMm: number;
  /** Defaults to the slice spacing. */
  sliceThicknessMm?: number;
  /** 'YYYY-MM-DD' or 'YYYYMMDD'. A sample exam date selects that exam's liver/spleen/lesions. */
  date: string;
  time?: string;
  /** z of instance 1 (cranial end); slices go caudally. Default 0. */
  topZMm?: number;
  /** In-plane centre (x, y) of the image, mm. Default (0, 0). */
  centreXYMm?: [number, number];
  storage?: 'unsigned' | 'signed';
  /**
   * UID arcs. Default { patient: 9, study: 1, series: 1 }: not the sample patient's arc, and then
   * the patient is SYNTHETIC^CT9 / LLR-SYNTH-009 unless `patient` is given.
   */
  key?: SeriesKey;
  /** Tissue values; default from the exam of that date (else the July exam). */
  tissues?: TissueTable;
  lesions?: LesionAtDate[];
  noiseSigmaHu?: number;
  seriesDescription?: string;
  studyDescription?: string;
  accession?: string;
  patient?: PatientInfo;
}

export function dicomDate(date: string): string {
  const d = date.replaceAll('-', '');
  if (!/^\d{8}$/.test(d)) throw new Error(`bad date: ${date}`);
  return d;
}

export function storageOf(kind: 'unsigned' | 'signed'): StorageInfo {
  return kind === 'signed'
    ? { bitsStored: 16, pixelRepresentation: 1, rescaleIntercept: 0, rescaleSlope: 1 }
    : { bitsStored: 12, pixelRepresentation: 0, rescaleIntercept: -1024, rescaleSlope: 1 };
}

function examFor(date: string): CtExam {
  const d = dicomDate(date);
  const exam = CT_EXAMS.find((e) => e.date === d) ?? CT_EXAMS[0];
  if (!exam) throw new Error('no CT exams defined');
  return exam;
}

export interface ResolvedCt {
  o: CtSeriesOptions;
  key: SeriesKey;
  date: string;
  time: string;
  storage: StorageInfo;
  tissues: TissueTable;
  parts: Part[];
  thickness: number;
  topZ: number;
  centre: [number, number];
  sigma: number;
  patient: PatientInfo;
}

export function resolveCt(o: CtSeriesOptions): ResolvedCt {
  for (const [k, v] of Object.entries({ rows: o.rows, columns: o.columns, slices: o.slices })) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`buildCtSeries: ${k} must be a positive integer`);
  }
  if (!(o.pixelSpacingMm > 0) || !(o.sliceSpacingMm > 0))
    throw new Error('buildCtSeries: spacings must be > 0');
  const exam = examFor(o.date);
  const lesions = o.lesions ?? lesionsAt(exam.key);
  const key = o.key ?? { patient: 9, study: 1, series: 1 };
  // Series outside the sample patient's UID arc get their own synthetic identity.
  const patient: PatientInfo =
    o.patient ??
    (key.patient === PATIENT.patientNumber
      ? { ...PATIENT }
      : {
          ...PATIENT,
          name: `SYNTHETIC^CT${key.patient}`,
          id: `LLR-SYNTH-${String(key.patient).padStart(3, '0')}`,
        });
  return {
    o,
    key,
    date: dicomDate(o.date),
    time: o.time ?? exam.time,
    storage: storageOf(o.storage ?? 'unsigned'),
    tissues: o.tissues ?? ctTissueTable(exam),
    parts: [...anatomyParts(), ...lesionParts(lesions)],
    thickness: o.sliceThicknessMm ?? o.sliceSpacingMm,
    topZ: o.topZMm ?? CT_TOP_Z_MM,
    centre: o.centreXYMm ?? [0, 0],
    sigma: o.noiseSigmaHu ?? CT_NOISE_SIGMA_HU,
    patient,
  };
}

export function ctHeader(r: ResolvedCt, description: string): NaturalDataset {
  const common = commonModules(
    r.patient,
    {
      key: r.key,
      date: r.date,
      time: r.time,
      accession: r.o.accession ?? `LLR${r.date.slice(2)}${r.key.study}`,
      studyId: String(r.key.study),
      description: r.o.studyDescription ?? 'CT ABDOMEN WITH CONTRAST',
    },
    {
      key: r.key,
      modality: 'CT',
      description,
      protocol: 'ABDOMEN PV',
      time: r.time,
      bodyPart: 'ABDOMEN',
      frameOfReference: 1,
    },
    CT_EQUIPMENT,
  );
  return {
    ...common,
    // Contrast/Bolus
    ContrastBolusAgent: 'IOHEXOL 350 MG I/ML',
    ContrastBolusRoute: 'IV',
    ContrastBolusVolume: '80',
    ContrastBolusStartTime: addSeconds(r.time, -70).slice(0, 6),
    ContrastBolusTotalDose: '80',
    ContrastFlowRate: '3',
    ContrastFlowDuration: '27',
    ContrastBolusIngredient: 'IODINE',
    ContrastBolusIngredientConcentration: '350',
    // CT Image (Type 3 extras a scanner would write)
    KVP: '120',
    DataCollectionDiameter: '500',
    ReconstructionDiameter: ds(r.o.columns * r.o.pixelSpacingMm),
    DistanceSourceToDetector: '1040',
    DistanceSourceToPatient: '570',
    GantryDetectorTilt: '0',
    TableHeight: '150',
    RotationDirection: 'CW',
    ExposureTime: '500',
    XRayTubeCurrent: '220',
    Exposure: '110',
    FilterType: 'BODY',
    GeneratorPower: '26',
    FocalSpots: ['1.2'],
    ConvolutionKernel: 'STANDARD',
  };
}

export function ctGeometry(
  r: ResolvedCt,
  role: string,
  description: string,
  folder: string,
): SeriesGeometry {
  const o = r.o;
  const first = topLeftFor([r.centre[0], r.centre[1], r.topZ], o.rows, o.columns, AXIAL, [
    o.pixelSpacingMm,
    o.pixelSpacingMm,
  ]);
  return {
    modality: 'CT',
    role,
    folder,
    studyInstanceUid: studyUid(r.key),
    seriesInstanceUid: seriesUid(r.key),
    frameOfReferenceUid: frameOfReferenceUid(r.key, 1),
    seriesNumber: r.key.series,
    seriesDescription: description,
    rows: o.rows,
    columns: o.columns,
    slices: o.slices,
    pixelSpacingMm: [o.pixelSpacingMm, o.pixelSpacingMm],
    sliceSpacingMm: o.sliceSpacingMm,
    sliceThicknessMm: r.thickness,
    imageOrientationPatient: AXIAL,
    firstImagePositionPatient: first,
    lastImagePositionPatient: [first[0], first[1], r.topZ - (o.slices - 1) * o.sliceSpacingMm],
    storage: r.storage,
    noiseSigma: r.sigma,
    units: 'HU',
  };
}

export function defaultCtDescription(o: Pick<CtSeriesOptions, 'sliceSpacingMm'>): string {
  return `Abdomen PV ${o.sliceSpacingMm}mm`;
}

/**
 * Yields the files of an axial CT series one at a time (constant memory). `onSlice` sees each
 * slice's stored pixels (instance order, k = 0 first) before its file is yielded.
 */
export function* ctSeriesFiles(
  options: CtSeriesOptions,
  onSlice?: (k: number, stored: Uint16Array | Int16Array) => void,
): Generator<GeneratedFile, SeriesGeometry> {
  const r = resolveCt(options);
  const o = r.o;
  const description = o.seriesDescription ?? defaultCtDescription(o);
  const header = ctHeader(r, description);
  const scratch = new Float32Array(o.rows * o.columns);
  const spacing: [number, number] = [o.pixelSpacingMm, o.pixelSpacingMm];
  const valueOf = (t: keyof TissueTable) => r.tissues[t];
  for (let k = 0; k < o.slices; k++) {
    const z = r.topZ - k * o.sliceSpacingMm;
    const origin = topLeftFor([r.centre[0], r.centre[1], z], o.rows, o.columns, AXIAL, spacing);
    const hu = renderSlice(
      {
        plane: planeFor(o.rows, o.columns, origin, AXIAL, spacing),
        parts: r.parts,
        valueOf,
        background: r.tissues.air,
        noiseSigma: r.sigma,
        noiseSeed: hashSeed(r.key.patient, r.key.study, r.key.series, k),
      },
      scratch,
    );
    const pixels = quantise(hu, r.storage);
    onSlice?.(k, pixels);
    const time = addSeconds(r.time, k * 0.05);
    const dataset: NaturalDataset = {
      ...header,
      ...imageModules(CT_IMAGE_STORAGE, {
        key: r.key,
        instanceNumber: k + 1,
        imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
        date: r.date,
        time,
        acquisitionNumber: 1,
        rows: o.rows,
        columns: o.columns,
        pixelSpacing: spacing,
        orientation: AXIAL,
        position: origin,
        sliceThickness: r.thickness,
        sliceLocation: z,
        bitsStored: r.storage.bitsStored,
        signed: r.storage.pixelRepresentation === 1,
        window: { centre: 50, width: 400, explanation: 'ABDOMEN' },
        pixels,
      }),
      RescaleIntercept: ds(r.storage.rescaleIntercept),
      RescaleSlope: ds(r.storage.rescaleSlope),
      RescaleType: 'HU',
    };
    yield { name: fileName(k + 1), bytes: encode(dataset) };
  }
  return ctGeometry(r, 'ct-axial', description, '');
}

/** Builds a whole axial CT series in memory (used by benchmarks and tests). */
export function buildCtSeries(options: CtSeriesOptions): {
  files: GeneratedFile[];
  geometry: SeriesGeometry;
} {
  const files: GeneratedFile[] = [];
  const it = ctSeriesFiles(options);
  for (;;) {
    const step = it.next();
    if (step.done) return { files, geometry: step.value };
    files.push(step.value);
  }
}

/** Geometry of an axial series without rendering it. */
export function ctSeriesGeometry(options: CtSeriesOptions, role = 'ct-axial'): SeriesGeometry {
  const r = resolveCt(options);
  return ctGeometry(r, role, options.seriesDescription ?? defaultCtDescription(options), '');
}
