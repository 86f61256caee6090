/**
 * A hand-built report input shaped like the sample patient's first CT date: two tracked liver
 * lesions on one SEG, the liver pattern, CT liver/spleen attenuation and an MRCP biliary
 * interruption point. UIDs are made up under a test root; values are arbitrary doubles (some
 * need more than DS's 16 characters, to prove the round trip is exact).
 */
import { CODES } from '../codes.ts';
import type { SrImageReference, SrWriterInput } from '../types.ts';

const ROOT = '1.2.826.0.1.3680043.10.1478.97';
export const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
export const MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4';
export const SEG_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';
export const STUDY = `${ROOT}.1`;
export const CT_SERIES = `${ROOT}.1.2`;
export const MR_STUDY = `${ROOT}.2`;
export const MR_SERIES = `${ROOT}.2.3`;
export const SEG_SERIES = `${ROOT}.1.90`;
export const SEG_INSTANCE = `${ROOT}.1.90.1`;
export const FRAME_OF_REFERENCE = `${ROOT}.1.0.1`;

export const ctImage = (n: number): SrImageReference => ({
  sopClassUid: CT_IMAGE,
  sopInstanceUid: `${CT_SERIES}.${n}`,
});
export const mrImage = (n: number): SrImageReference => ({
  sopClassUid: MR_IMAGE,
  sopInstanceUid: `${MR_SERIES}.${n}`,
});

export function reportInput(overrides: Partial<SrWriterInput> = {}): SrWriterInput {
  return {
    patient: { name: 'SAMPLE^LIVER', id: 'LLR-SAMPLE-004', birthDate: '19710314', sex: 'F' },
    study: {
      studyInstanceUid: STUDY,
      date: '20240725',
      time: '091512',
      id: '1',
      accessionNumber: 'LLR24072501',
      referringPhysicianName: '',
    },
    document: {
      seriesInstanceUid: `${ROOT}.1.91`,
      sopInstanceUid: `${ROOT}.1.91.1`,
      seriesNumber: 91,
      instanceNumber: 1,
      seriesDescription: 'Lesion measurements',
      contentDate: '20240801',
      contentTime: '101500',
      completion: 'COMPLETE',
    },
    equipment: {
      manufacturer: 'Liver lesion review',
      modelName: 'LLR viewer',
      softwareVersions: '0.1.0',
    },
    observer: {
      personName: 'Reader^Rita',
      device: {
        uid: `${ROOT}.9`,
        name: 'Liver lesion review',
        manufacturer: 'LLR',
        modelName: 'LLR viewer',
      },
    },
    procedureReported: [],
    activitySession: '1',
    sourceSeries: [
      {
        studyInstanceUid: STUDY,
        seriesInstanceUid: CT_SERIES,
        modality: 'CT',
        frameOfReferenceUid: FRAME_OF_REFERENCE,
        studyDate: '20240725',
        images: [ctImage(1), ctImage(2), ctImage(3)],
      },
      {
        studyInstanceUid: MR_STUDY,
        seriesInstanceUid: MR_SERIES,
        modality: 'MR',
        frameOfReferenceUid: `${ROOT}.2.0.1`,
        studyDate: '20240726',
        images: [mrImage(7)],
      },
    ],
    segmentations: [
      {
        sopClassUid: SEG_CLASS,
        sopInstanceUid: SEG_INSTANCE,
        studyInstanceUid: STUDY,
        seriesInstanceUid: SEG_SERIES,
      },
    ],
    lesions: [
      {
        trackingId: 'L1',
        trackingUid: '2.25.331',
        findingType: CODES.lesion,
        findingSite: CODES.liver,
        segment: { segmentationSopInstanceUid: SEG_INSTANCE, segmentNumber: 3 },
        sourceSeriesInstanceUid: CT_SERIES,
        volumeMl: 2.0943951023931953,
        longAxisMm: 17.12345678901234,
        shortAxisMm: 13.5,
        intensityKind: 'ct-attenuation',
        meanIntensity: 48.25,
        intensitySd: 10.987654321,
        otherMeasurements: [],
      },
      {
        trackingId: 'L2',
        trackingUid: '2.25.332',
        findingType: CODES.metastaticNeoplasm,
        findingSite: CODES.liver,
        segment: { segmentationSopInstanceUid: SEG_INSTANCE, segmentNumber: 4 },
        sourceSeriesInstanceUid: CT_SERIES,
        volumeMl: 0.5,
        longAxisMm: 9.75,
        shortAxisMm: null,
        intensityKind: 'ct-attenuation',
        meanIntensity: -3.5,
        intensitySd: null,
        otherMeasurements: [],
      },
    ],
    findings: [
      { kind: 'pattern', trackingUid: '2.25.401', pattern: 'nodular' },
      {
        kind: 'liver-spleen',
        trackingUid: '2.25.402',
        liver: { meanHu: 110.4, sdHu: 11.2, images: [ctImage(2)] },
        spleen: { meanHu: 96.8, sdHu: null, images: [ctImage(2), ctImage(3)] },
        ratio: 110.4 / 96.8,
      },
      {
        kind: 'biliary-interruption',
        trackingId: 'Biliary interruption 1',
        trackingUid: '2.25.403',
        point: { kind: 'patient', mm: [-12.5, 30.25, -40], frameOfReferenceUid: `${ROOT}.2.0.1` },
        level: { scheme: 'bismuth-corlette', type: 'IIIa' },
        upstreamDilatation: true,
      },
    ],
    ...overrides,
  };
}

/**
 * Every finding kind and lesion location the writer knows, with hand-picked values: the
 * reference for the write → read round trip and for dciodvfy.
 */
export function completeReportInput(): SrWriterInput {
  const base = reportInput();
  const ct = { seriesInstanceUid: CT_SERIES, studyInstanceUid: STUDY };
  const mr = { seriesInstanceUid: MR_SERIES, studyInstanceUid: MR_STUDY };
  return {
    ...base,
    lesions: [
      { ...base.lesions[0]!, couinaudSegment: 'VIII' },
      { ...base.lesions[1]!, couinaudSegment: 'IVb' },
    ],
    findings: [
      {
        kind: 'pattern',
        trackingUid: '2.25.401',
        pattern: 'mixed',
        referencedSeries: [ct],
        comment: 'two clusters',
      },
      {
        kind: 'liver-spleen',
        trackingUid: '2.25.402',
        liver: { meanHu: 52.25, sdHu: 8.5, images: [] },
        spleen: { meanHu: 48, sdHu: 6.25, images: [] },
        ratio: 52.25 / 48,
        contrastEnhanced: false,
        rois: [
          {
            organ: 'liver',
            voxelCount: 317,
            meanHu: 50.125,
            sdHu: 8.25,
            minHu: 21,
            maxHu: 77,
            areaMm2: 221.5,
            series: ct,
            centre: { mm: [60.7, -15.3, 102.2], frameOfReferenceUid: FRAME_OF_REFERENCE },
            radiiMm: [10, 10],
          },
          {
            organ: 'liver',
            voxelCount: 29,
            meanHu: 75.5,
            sdHu: 0,
            minHu: 75,
            maxHu: 76,
            areaMm2: null,
            series: { seriesInstanceUid: CT_SERIES, studyInstanceUid: null },
            radiiMm: [4, 6.5],
          },
          {
            organ: 'spleen',
            voxelCount: 1,
            meanHu: 48,
            sdHu: null,
            minHu: 48,
            maxHu: 48,
            areaMm2: 0.7,
            series: null,
          },
        ],
        referencedSeries: [ct],
      },
      {
        kind: 'biliary-interruption',
        trackingId: 'Biliary interruption',
        trackingUid: '2.25.403',
        point: {
          kind: 'patient',
          mm: [-12.3, 30.7, -40.1],
          frameOfReferenceUid: `${ROOT}.2.0.1`,
        },
        level: { scheme: 'intrahepatic-segment', segment: 'VI' },
        upstreamDilatation: false,
        ductRigidityRarefaction: true,
        referencedSeries: [mr],
      },
      {
        kind: 'mrcp-ducts',
        trackingUid: '2.25.404',
        rigidityRarefaction: false,
        segmentalDilatation: true,
        commonBileDuctDilated: false,
        referencedSeries: [mr],
      },
      {
        kind: 'mrcp-ducts',
        trackingUid: '2.25.405',
        rigidityRarefaction: null,
        segmentalDilatation: null,
        commonBileDuctDilated: true,
      },
      {
        kind: 'hepatomegaly',
        trackingUid: '2.25.406',
        present: true,
        liverSpanMm: 187.4,
        spanLine: {
          fromMm: [10.1, -20.2, 90.3],
          toMm: [10.1, -20.2, -97.1],
          frameOfReferenceUid: FRAME_OF_REFERENCE,
        },
        referencedSeries: [ct],
      },
      { kind: 'ascites', trackingUid: '2.25.407', present: true },
      { kind: 't2-parenchymal-oedema', trackingUid: '2.25.408', present: false },
      { kind: 'homogeneous-density-decrease', trackingUid: '2.25.409', present: true },
      { kind: 'homogeneous-density-decrease', trackingUid: '2.25.410', present: false },
      { kind: 'lesion-signal', trackingUid: '2.25.411', lesionId: 'L1', t1: 'hypo', t2: 'hyper' },
      { kind: 'lesion-signal', trackingUid: '2.25.412', lesionId: null, t1: 'iso', t2: null },
      { kind: 'response', trackingUid: '2.25.413', method: 'recist-1.1', category: 'PD' },
      { kind: 'response', trackingUid: '2.25.414', method: 'volumetric', category: 'SD' },
      { kind: 'response', trackingUid: '2.25.415', method: 'recist-1.1', category: 'BASELINE' },
    ],
  };
}
