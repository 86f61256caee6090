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
