import type { NaturalDataset } from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { writePart10 } from '../../write/writePart10.ts';
import { COMPREHENSIVE_SR_STORAGE } from '../codes.ts';
import { readMeasurementReport } from '../readMeasurementReport.ts';
import { CT_IMAGE, CT_SERIES, SEG_CLASS, SEG_INSTANCE, SEG_SERIES, STUDY } from './fixtures.ts';

const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => [
  { CodeValue, CodingSchemeDesignator, CodeMeaning },
];
const num = (
  concept: NaturalDataset[],
  value: string,
  unit: NaturalDataset[],
  children: NaturalDataset[] = [],
) => ({
  RelationshipType: 'CONTAINS',
  ValueType: 'NUM',
  ConceptNameCodeSequence: concept,
  MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: unit, NumericValue: value }],
  ...(children.length ? { ContentSequence: children } : {}),
});
const derivation = (value: NaturalDataset[]) => ({
  RelationshipType: 'HAS CONCEPT MOD',
  ValueType: 'CODE',
  ConceptNameCodeSequence: code('121401', 'DCM', 'Derivation'),
  ConceptCodeSequence: value,
});

/**
 * A Measurement Report the way dcmqi (2018) writes one: Comprehensive SR, SNOMED RT ("SRT")
 * codes, volume in mm3, long axis in cm, a flat Image Library without groups, no
 * FloatingPointValue, and a measurement our model has no field for.
 */
function dcmqiStyleReport(
  rootTitle = code('126000', 'DCM', 'Imaging Measurement Report'),
): Uint8Array {
  const group = {
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: code('125007', 'DCM', 'Measurement Group'),
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: code('112039', 'DCM', 'Tracking Identifier'),
        TextValue: 'Nodule 1',
      },
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'UIDREF',
        ConceptNameCodeSequence: code('112040', 'DCM', 'Tracking Unique Identifier'),
        UID: '2.25.77',
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CODE',
        ConceptNameCodeSequence: code('121071', 'DCM', 'Finding'),
        ConceptCodeSequence: code('M-01000', 'SRT', 'Morphologically Altered Structure'),
      },
      {
        RelationshipType: 'HAS CONCEPT MOD',
        ValueType: 'CODE',
        ConceptNameCodeSequence: code('G-C0E3', 'SRT', 'Finding Site'),
        ConceptCodeSequence: code('T-62000', 'SRT', 'Liver'),
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'IMAGE',
        ConceptNameCodeSequence: code('121191', 'DCM', 'Referenced Segment'),
        ReferencedSOPSequence: [
          {
            ReferencedSOPClassUID: SEG_CLASS,
            ReferencedSOPInstanceUID: SEG_INSTANCE,
            ReferencedSegmentNumber: 2,
          },
        ],
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'UIDREF',
        ConceptNameCodeSequence: code('121232', 'DCM', 'Source series for segmentation'),
        UID: CT_SERIES,
      },
      num(code('G-D705', 'SRT', 'Volume'), '2094.4', code('mm3', 'UCUM', 'cubic millimeter')),
      num(code('G-A185', 'SRT', 'Long Axis'), '1.8', code('cm', 'UCUM', 'centimeter')),
      num(
        code('112031', 'DCM', 'Attenuation Coefficient'),
        '47.5',
        code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
        [derivation(code('R-00317', 'SRT', 'Mean'))],
      ),
      num(
        code('112031', 'DCM', 'Attenuation Coefficient'),
        '88',
        code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
        [derivation(code('56851009', 'SCT', 'Maximum'))],
      ),
    ],
  };
  const dataset: NaturalDataset = {
    SOPClassUID: COMPREHENSIVE_SR_STORAGE,
    SOPInstanceUID: '2.25.5001',
    StudyInstanceUID: STUDY,
    SeriesInstanceUID: '2.25.5002',
    Modality: 'SR',
    PatientName: 'Other^Tool',
    PatientID: 'OT-1',
    StudyDate: '20240725',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: rootTitle,
    ContinuityOfContent: 'SEPARATE',
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: STUDY,
        ReferencedSeriesSequence: [
          {
            SeriesInstanceUID: CT_SERIES,
            ReferencedSOPSequence: [
              { ReferencedSOPClassUID: CT_IMAGE, ReferencedSOPInstanceUID: `${CT_SERIES}.1` },
            ],
          },
          {
            SeriesInstanceUID: SEG_SERIES,
            ReferencedSOPSequence: [
              { ReferencedSOPClassUID: SEG_CLASS, ReferencedSOPInstanceUID: SEG_INSTANCE },
            ],
          },
        ],
      },
    ],
    ContentSequence: [
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'PNAME',
        ConceptNameCodeSequence: code('121008', 'DCM', 'Person Observer Name'),
        PersonName: 'Reader^Rita',
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CONTAINER',
        ConceptNameCodeSequence: code('111028', 'DCM', 'Image Library'),
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: [
          {
            RelationshipType: 'CONTAINS',
            ValueType: 'IMAGE',
            ReferencedSOPSequence: [
              { ReferencedSOPClassUID: CT_IMAGE, ReferencedSOPInstanceUID: `${CT_SERIES}.1` },
            ],
          },
        ],
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CONTAINER',
        ConceptNameCodeSequence: code('126010', 'DCM', 'Imaging Measurements'),
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: [group],
      },
    ],
  };
  return new Uint8Array(writePart10(dataset));
}

describe('readMeasurementReport', () => {
  it('reads another tool’s TID 1500: SRT codes, mm3 and cm converted, extras kept', () => {
    const read = readMeasurementReport(dcmqiStyleReport());
    if (!read.ok) throw new Error(read.error.message);
    const lesion = read.value.lesions[0]!;
    expect(lesion).toMatchObject({
      trackingId: 'Nodule 1',
      trackingUid: '2.25.77',
      segment: { segmentationSopInstanceUid: SEG_INSTANCE, segmentNumber: 2 },
      sourceSeriesInstanceUid: CT_SERIES,
      shortAxisMm: null,
      intensityKind: 'ct-attenuation',
      meanIntensity: 47.5,
    });
    expect(lesion.volumeMl).toBeCloseTo(2.0944, 10); // 2094.4 mm3
    expect(lesion.longAxisMm).toBeCloseTo(18, 10); // 1.8 cm
    expect(lesion.findingSite?.codeValue).toBe('T-62000');
    expect(lesion.otherMeasurements).toEqual([
      expect.objectContaining({
        value: 88,
        derivation: expect.objectContaining({ codeValue: '56851009' }),
      }),
    ]);
    expect(read.value.segmentations).toEqual([
      {
        sopClassUid: SEG_CLASS,
        sopInstanceUid: SEG_INSTANCE,
        studyInstanceUid: STUDY,
        seriesInstanceUid: SEG_SERIES,
      },
    ]);
    expect(read.value.sourceSeries).toEqual([
      expect.objectContaining({
        seriesInstanceUid: CT_SERIES,
        images: [{ sopClassUid: CT_IMAGE, sopInstanceUid: `${CT_SERIES}.1` }],
      }),
    ]);
    expect(read.value.observer).toEqual({ personName: 'Reader^Rita', device: null });
    expect(read.value.findings).toEqual([]);
  });

  it('refuses an SR whose root is not a Measurement Report', () => {
    const read = readMeasurementReport(
      dcmqiStyleReport(code('18748-4', 'LN', 'Diagnostic imaging report')),
    );
    expect(!read.ok && read.error.code).toBe('NOT_A_MEASUREMENT_REPORT');
  });

  it('refuses bytes that are not DICOM, and DICOM that is not SR', () => {
    const garbage = readMeasurementReport(new Uint8Array(300).fill(7), 'x.dcm');
    expect(!garbage.ok && garbage.error).toMatchObject({ code: 'NOT_AN_SR', file: 'x.dcm' });
    const ct = new Uint8Array(
      writePart10({ SOPClassUID: CT_IMAGE, SOPInstanceUID: '2.25.9', Modality: 'CT' }),
    );
    const notSr = readMeasurementReport(ct);
    expect(!notSr.ok && notSr.error.code).toBe('NOT_AN_SR');
  });

  it('refuses content nested deeper than 64 levels instead of overflowing the stack', () => {
    let item: NaturalDataset = {
      RelationshipType: 'CONTAINS',
      ValueType: 'TEXT',
      ConceptNameCodeSequence: code('121106', 'DCM', 'Comment'),
      TextValue: 'x',
    };
    for (let i = 0; i < 70; i++)
      item = {
        RelationshipType: 'CONTAINS',
        ValueType: 'CONTAINER',
        ConceptNameCodeSequence: code('125007', 'DCM', 'Measurement Group'),
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: [item],
      };
    const bytes = writePart10({
      SOPClassUID: COMPREHENSIVE_SR_STORAGE,
      SOPInstanceUID: '2.25.10',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: code('126000', 'DCM', 'Imaging Measurement Report'),
      ContinuityOfContent: 'SEPARATE',
      ContentSequence: [item],
    });
    const read = readMeasurementReport(new Uint8Array(bytes));
    expect(!read.ok && read.error.message).toMatch(/deeper than 64/);
  });
});
