/**
 * MR writers (MR Image Storage): axial T1 and T2 and a coronal 3D MRCP of the sample patient.
 * Unsigned 12-bit magnitude images, no rescale; signal per tissue from tissues.ts.
 */
import type { NaturalDataset } from 'dcmjs';
import { anatomyParts } from './anatomy.ts';
import {
  addSeconds,
  commonModules,
  ds,
  imageModules,
  MR_IMAGE_STORAGE,
  type EquipmentInfo,
} from './modules.ts';
import { lesionParts, lesionsAt, MR_EXAM, PATIENT } from './patient.ts';
import { hashSeed } from './prng.ts';
import type { Vec3 } from './raster.ts';
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
import { MR_T1_SIGNAL, MR_T2_SIGNAL, MRCP_SIGNAL, type TissueTable } from './tissues.ts';
import { frameOfReferenceUid, seriesUid, studyUid, type SeriesKey } from './uids.ts';

export const MR_EQUIPMENT: EquipmentInfo = {
  manufacturer: 'LLR Synthetic',
  model: 'Phantom MR 1.5T',
  station: 'LLRMR01',
  software: 'llr-sample-dicom 1',
  serial: 'LLR-MR-0001',
};

export const MR_STORAGE: StorageInfo = {
  bitsStored: 12,
  pixelRepresentation: 0,
  rescaleIntercept: 0,
  rescaleSlope: 1,
};

type Iop = [number, number, number, number, number, number];
const AXIAL: Iop = [1, 0, 0, 0, 1, 0];
const CORONAL: Iop = [1, 0, 0, 0, 0, -1];

export interface MrSequence {
  role: 'mr-t1' | 'mr-t2' | 'mrcp';
  seriesNumber: number;
  description: string;
  protocol: string;
  table: TissueTable;
  noiseSigma: number;
  window: { centre: number; width: number };
  acquisition: NaturalDataset;
  time: string;
}

const COMMON_ACQ = {
  AngioFlag: 'N',
  NumberOfAverages: '1',
  ImagingFrequency: '63.676',
  ImagedNucleus: '1H',
  EchoNumbers: '1',
  MagneticFieldStrength: '1.5',
  ReceiveCoilName: 'BODY18',
  TransmitCoilName: 'Body',
  PercentSampling: '100',
  VariableFlipAngleFlag: 'N',
  PatientPosition: 'HFS',
};

export const MR_SEQUENCES: MrSequence[] = [
  {
    role: 'mr-t1',
    seriesNumber: 1,
    description: 'T1 GRE in-phase ax',
    protocol: 'LIVER T1 AX',
    table: MR_T1_SIGNAL,
    noiseSigma: MR_EXAM.noiseSigma.t1,
    window: { centre: 600, width: 1200 },
    time: '083512',
    acquisition: {
      ...COMMON_ACQ,
      ScanningSequence: 'GR',
      SequenceVariant: 'SP',
      ScanOptions: '',
      MRAcquisitionType: '2D',
      SequenceName: '*fl2d1',
      RepetitionTime: '150',
      EchoTime: '4.76',
      EchoTrainLength: '1',
      FlipAngle: '70',
      NumberOfPhaseEncodingSteps: '192',
      PercentPhaseFieldOfView: '75',
      PixelBandwidth: '260',
      AcquisitionMatrix: [0, 256, 192, 0],
      InPlanePhaseEncodingDirection: 'ROW',
      SAR: '0.8',
      dBdt: '0',
    },
  },
  {
    role: 'mr-t2',
    seriesNumber: 2,
    description: 'T2 TSE FS ax',
    protocol: 'LIVER T2 AX FS',
    table: MR_T2_SIGNAL,
    noiseSigma: MR_EXAM.noiseSigma.t2,
    window: { centre: 700, width: 1400 },
    time: '084230',
    acquisition: {
      ...COMMON_ACQ,
      ScanningSequence: 'SE',
      SequenceVariant: ['SK', 'SP'],
      ScanOptions: ['FS', 'RG'],
      MRAcquisitionType: '2D',
      SequenceName: '*tse2d1_16',
      RepetitionTime: '4000',
      EchoTime: '95',
      EchoTrainLength: '16',
      FlipAngle: '150',
      NumberOfPhaseEncodingSteps: '192',
      PercentPhaseFieldOfView: '75',
      PixelBandwidth: '200',
      AcquisitionMatrix: [0, 256, 192, 0],
      InPlanePhaseEncodingDirection: 'ROW',
      SAR: '1.9',
      dBdt: '0',
    },
  },
  {
    role: 'mrcp',
    seriesNumber: 3,
    description: 'MRCP 3D T2 cor',
    protocol: 'MRCP 3D',
    table: MRCP_SIGNAL,
    noiseSigma: MR_EXAM.noiseSigma.mrcp,
    window: { centre: 1000, width: 2000 },
    time: '085104',
    acquisition: {
      ...COMMON_ACQ,
      ScanningSequence: 'SE',
      SequenceVariant: ['SK', 'SP'],
      ScanOptions: ['FS', 'RG'],
      MRAcquisitionType: '3D',
      SequenceName: '*spc3d1rr',
      RepetitionTime: '2500',
      EchoTime: '700',
      EchoTrainLength: '128',
      FlipAngle: '120',
      VariableFlipAngleFlag: 'Y',
      NumberOfPhaseEncodingSteps: '256',
      PercentPhaseFieldOfView: '100',
      PixelBandwidth: '350',
      AcquisitionMatrix: [256, 0, 0, 256],
      InPlanePhaseEncodingDirection: 'ROW',
      SAR: '1.2',
      dBdt: '0',
    },
  },
];

/** Slice stack of an MR series: orientation, spacing and the centre of each slice. */
export interface MrStack {
  rows: number;
  columns: number;
  pixelSpacing: [number, number];
  iop: Iop;
  sliceSpacing: number;
  sliceThickness: number;
  centres: Vec3[];
}

export function mrStack(role: MrSequence['role']): MrStack {
  if (role === 'mrcp') {
    const g = MR_EXAM.mrcp;
    const centres: Vec3[] = [];
    for (let k = 0; k < g.slices; k++) {
      const y = g.centreMm[1] + (k - (g.slices - 1) / 2) * g.sliceSpacingMm;
      centres.push([g.centreMm[0], y, g.centreMm[2]]);
    }
    return {
      rows: g.rows,
      columns: g.columns,
      pixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
      iop: CORONAL,
      sliceSpacing: g.sliceSpacingMm,
      sliceThickness: g.sliceSpacingMm,
      centres,
    };
  }
  const g = MR_EXAM.axial;
  const centres: Vec3[] = [];
  for (let k = 0; k < g.slices; k++) centres.push([0, 0, g.topZMm - k * g.sliceSpacingMm]);
  return {
    rows: g.rows,
    columns: g.columns,
    pixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
    iop: AXIAL,
    sliceSpacing: g.sliceSpacingMm,
    sliceThickness: g.sliceThicknessMm,
    centres,
  };
}

export function mrKey(seriesNumber: number): SeriesKey {
  return { patient: PATIENT.patientNumber, study: MR_EXAM.studyNumber, series: seriesNumber };
}

export function mrGeometry(seq: MrSequence): SeriesGeometry {
  const st = mrStack(seq.role);
  const key = mrKey(seq.seriesNumber);
  const first = st.centres[0];
  const last = st.centres[st.centres.length - 1];
  if (!first || !last) throw new Error('empty MR stack');
  return {
    modality: 'MR',
    role: seq.role,
    folder: '',
    studyInstanceUid: studyUid(key),
    seriesInstanceUid: seriesUid(key),
    frameOfReferenceUid: frameOfReferenceUid(key, 1),
    seriesNumber: seq.seriesNumber,
    seriesDescription: seq.description,
    rows: st.rows,
    columns: st.columns,
    slices: st.centres.length,
    pixelSpacingMm: st.pixelSpacing,
    sliceSpacingMm: st.sliceSpacing,
    sliceThicknessMm: st.sliceThickness,
    imageOrientationPatient: st.iop,
    firstImagePositionPatient: topLeftFor(first, st.rows, st.columns, st.iop, st.pixelSpacing),
    lastImagePositionPatient: topLeftFor(last, st.rows, st.columns, st.iop, st.pixelSpacing),
    storage: MR_STORAGE,
    noiseSigma: seq.noiseSigma,
    units: 'signal',
  };
}

/** Yields the files of one MR series of the sample patient. */
export function* mrSeriesFiles(seq: MrSequence): Generator<GeneratedFile, SeriesGeometry> {
  const st = mrStack(seq.role);
  const key = mrKey(seq.seriesNumber);
  const parts = [...anatomyParts(), ...lesionParts(lesionsAt(MR_EXAM.key))];
  const header: NaturalDataset = {
    ...commonModules(
      { ...PATIENT },
      {
        key,
        date: MR_EXAM.date,
        time: MR_EXAM.time,
        accession: MR_EXAM.accession,
        studyId: String(MR_EXAM.studyNumber),
        description: 'MR LIVER AND MRCP',
      },
      {
        key,
        modality: 'MR',
        description: seq.description,
        protocol: seq.protocol,
        time: seq.time,
        bodyPart: 'ABDOMEN',
        frameOfReference: 1,
      },
      MR_EQUIPMENT,
    ),
    ...seq.acquisition,
    SpacingBetweenSlices: ds(st.sliceSpacing),
  };
  const scratch = new Float32Array(st.rows * st.columns);
  const valueOf = (t: keyof TissueTable) => seq.table[t];
  for (let k = 0; k < st.centres.length; k++) {
    const centre = st.centres[k] as Vec3;
    const origin = topLeftFor(centre, st.rows, st.columns, st.iop, st.pixelSpacing);
    const values = renderSlice(
      {
        plane: planeFor(st.rows, st.columns, origin, st.iop, st.pixelSpacing),
        parts,
        valueOf,
        background: seq.table.air,
        noiseSigma: seq.noiseSigma,
        noiseSeed: hashSeed(key.patient, key.study, key.series, k),
      },
      scratch,
    );
    // Magnitude images: noise folds at zero (a crude Rician floor).
    for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i] as number);
    const pixels = quantise(values, MR_STORAGE);
    const time = addSeconds(seq.time, seq.role === 'mrcp' ? 0 : k * 0.5);
    const dataset: NaturalDataset = {
      ...header,
      ...imageModules(MR_IMAGE_STORAGE, {
        key,
        instanceNumber: k + 1,
        imageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
        date: MR_EXAM.date,
        time,
        acquisitionNumber: 1,
        rows: st.rows,
        columns: st.columns,
        pixelSpacing: st.pixelSpacing,
        orientation: st.iop,
        position: origin,
        sliceThickness: st.sliceThickness,
        ...(st.iop === AXIAL ? { sliceLocation: centre[2] } : {}),
        bitsStored: MR_STORAGE.bitsStored,
        signed: false,
        window: { ...seq.window, explanation: seq.role.toUpperCase() },
        pixels,
      }),
    };
    yield { name: fileName(k + 1), bytes: encode(dataset) };
  }
  return mrGeometry(seq);
}
