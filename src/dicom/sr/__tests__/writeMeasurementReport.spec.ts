import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { checkTid1500 } from '../checkTid1500.ts';
import { CODES, COMPREHENSIVE_3D_SR_STORAGE, ENHANCED_SR_STORAGE, UNITS } from '../codes.ts';
import { readMeasurementReport } from '../readMeasurementReport.ts';
import { readSrContentTree, type SrContentItem } from '../readContentTree.ts';
import type { SrWriterInput } from '../types.ts';
import { writeMeasurementReport } from '../writeMeasurementReport.ts';
import { ctImage, CT_SERIES, MR_SERIES, reportInput, SEG_INSTANCE, STUDY } from './fixtures.ts';

function write(input: SrWriterInput): Uint8Array {
  const result = writeMeasurementReport(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function tree(bytes: Uint8Array): SrContentItem {
  const result = readSrContentTree(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const walk = (item: SrContentItem): SrContentItem[] => [item, ...item.children.flatMap(walk)];
const named = (items: readonly SrContentItem[], code: { codeValue: string }) =>
  items.filter((c) => c.concept?.codeValue === code.codeValue);

describe('writeMeasurementReport', () => {
  it('round-trips every measurement, finding and reference exactly', () => {
    const input = reportInput({ procedureReported: [CODES.ctUnspecifiedBodyRegion] });
    const read = readMeasurementReport(write(input));
    if (!read.ok) throw new Error(read.error.message);
    const { warnings, ...report } = read.value;
    expect(warnings).toEqual([]);
    for (const key of [
      'observer',
      'procedureReported',
      'activitySession',
      'sourceSeries',
      'segmentations',
      'lesions',
      'findings',
      'patient',
      'study',
    ] as const)
      expect(report[key], key).toEqual(input[key]);
    // 17.12345678901234 needs 17 significant digits: NumericValue (DS) alone would lose them.
    expect(report.lesions[0]!.longAxisMm).toBe(17.12345678901234);
    expect(report.sopInstanceUid).toBe(input.document.sopInstanceUid);
    expect(report.completion).toBe('COMPLETE');
  });

  it('carries the rows TID 1500 requires, with our profile (Activity Session, Finding, Site)', () => {
    const root = tree(write(reportInput()));
    expect(checkTid1500(root, { profile: true })).toEqual([]);
    expect(root.concept).toMatchObject(CODES.imagingMeasurementReport);
    expect(root.templateId).toBe('1500');
    expect(named(root.children, CODES.languageOfContent)[0]?.code).toEqual(
      CODES.englishUnitedStates,
    );
    expect(named(root.children, CODES.observerType).map((c) => c.code?.codeMeaning)).toEqual([
      'Person',
      'Device',
    ]);
    expect(named(root.children, CODES.procedureReported).map((c) => c.code)).toEqual([
      CODES.ctUnspecifiedBodyRegion,
      CODES.mriUnspecifiedBodyRegion,
    ]);
    const library = named(root.children, CODES.imageLibrary)[0]!;
    expect(
      library.children.map((g) => g.children.filter((c) => c.valueType === 'IMAGE').length),
    ).toEqual([3, 1]);
    const groups = named(
      named(root.children, CODES.imagingMeasurements)[0]!.children,
      CODES.measurementGroup,
    );
    expect(groups.map((g) => g.templateId)).toEqual(['1411', '1411', '1501', '1501', '1410']);
    for (const g of groups) {
      expect(named(g.children, CODES.trackingIdentifier)).toHaveLength(1);
      expect(named(g.children, CODES.trackingUniqueIdentifier)).toHaveLength(1);
      expect(named(g.children, CODES.activitySession)[0]?.text).toBe('1');
    }
    const segment = named(groups[0]!.children, CODES.referencedSegment)[0]!.image!;
    expect(segment).toMatchObject({ sopInstanceUid: SEG_INSTANCE, segmentNumbers: [3] });
    expect(named(groups[0]!.children, CODES.sourceSeriesForSegmentation)[0]?.uid).toBe(CT_SERIES);
  });

  it('uses UCUM units: ml, mm, Hounsfield unit and "1" for the ratio', () => {
    const items = walk(tree(write(reportInput())));
    const unitOf = (code: { codeValue: string }) =>
      named(items, code).map((i) => i.num?.unit?.codeValue);
    expect(unitOf(CODES.volume)).toEqual(['ml', 'ml']);
    expect(unitOf(CODES.longAxis)).toEqual(['mm', 'mm']);
    expect(unitOf(CODES.shortAxis)).toEqual(['mm']);
    expect(new Set(unitOf(CODES.attenuationCoefficient))).toEqual(
      new Set([UNITS.hounsfieldUnit.codeValue]),
    );
    expect(unitOf(CODES.ratio)).toEqual(['1']);
  });

  it('writes no private or retired coding scheme', () => {
    const items = walk(tree(write(reportInput())));
    const schemes = new Set(
      items.flatMap((i) =>
        [i.concept, i.code, i.num?.unit].flatMap((c) => (c ? [c.codingSchemeDesignator] : [])),
      ),
    );
    expect([...schemes].sort()).toEqual(['DCM', 'LN', 'NCIt', 'RFC5646', 'SCT', 'UCUM']);
  });

  it('is Comprehensive 3D SR with a SCOORD3D point, Enhanced SR with an image point', () => {
    const sopClass = (bytes: Uint8Array) => {
      const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(0) as ArrayBuffer).dict;
      return dict['00080016']?.Value?.[0];
    };
    expect(sopClass(write(reportInput()))).toBe(COMPREHENSIVE_3D_SR_STORAGE);
    const onImage = reportInput();
    const findings = onImage.findings.map((f) =>
      f.kind === 'biliary-interruption'
        ? {
            ...f,
            point: {
              kind: 'image' as const,
              image: ctImage(3),
              columnRow: [255.5, 101.25] as const,
            },
          }
        : f,
    );
    const bytes = write({ ...onImage, findings });
    expect(sopClass(bytes)).toBe(ENHANCED_SR_STORAGE);
    const read = readMeasurementReport(bytes);
    expect(read.ok && read.value.findings).toEqual(findings);
  });

  it('writes a zero preamble, explicit VR little endian and evidence split by study', () => {
    const bytes = write(reportInput());
    expect(bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
    const dicom = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(0) as ArrayBuffer);
    expect(dicom.meta['00020010']?.Value).toEqual(['1.2.840.10008.1.2.1']);
    const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dicom.dict) as Record<
      string,
      never
    >;
    const sops = (seq: unknown) =>
      (
        seq as Array<{
          ReferencedSeriesSequence: Array<{
            SeriesInstanceUID: string;
            ReferencedSOPSequence: Array<{ ReferencedSOPInstanceUID: string }>;
          }>;
        }>
      )
        .flatMap((s) => s.ReferencedSeriesSequence)
        .flatMap((s) =>
          s.ReferencedSOPSequence.map(
            (r) => `${s.SeriesInstanceUID}:${r.ReferencedSOPInstanceUID}`,
          ),
        );
    expect(sops(natural['CurrentRequestedProcedureEvidenceSequence'])).toHaveLength(4); // 3 CT + SEG
    expect(sops(natural['PertinentOtherEvidenceSequence'])).toEqual([
      `${MR_SERIES}:${MR_SERIES}.7`,
    ]);
  });

  it('derives a finding TrackingUID from the document UID when none is given', () => {
    const input = reportInput();
    const findings = input.findings.map((f) => ({ ...f, trackingUid: null }));
    const read = readMeasurementReport(write({ ...input, findings }));
    expect(read.ok && read.value.findings.map((f) => f.trackingUid)).toEqual(
      [1, 2, 3].map((n) => `${input.document.sopInstanceUid}.${n}`),
    );
  });

  it.each<[string, (i: SrWriterInput) => SrWriterInput]>([
    ['a SEG that is not listed', (i) => ({ ...i, segmentations: [] })],
    ['a malformed UID', (i) => ({ ...i, study: { ...i.study, studyInstanceUid: '1.02.3' } })],
    ['a NaN volume', (i) => ({ ...i, lesions: [{ ...i.lesions[0]!, volumeMl: Number.NaN }] })],
    [
      'a lesion without TrackingUID',
      (i) => ({ ...i, lesions: [{ ...i.lesions[0]!, trackingUid: null }] }),
    ],
    [
      'an L/S image outside the sources',
      (i) => ({
        ...i,
        findings: [
          {
            kind: 'liver-spleen',
            trackingUid: null,
            liver: { meanHu: 1, sdHu: null, images: [ctImage(99)] },
            spleen: { meanHu: 1, sdHu: null, images: [] },
            ratio: 1,
          },
        ],
      }),
    ],
    ['nothing to report', (i) => ({ ...i, lesions: [], findings: [] })],
    [
      'a study the images are not in',
      (i) => ({ ...i, study: { ...i.study, studyInstanceUid: `${STUDY}.5` } }),
    ],
  ])('refuses %s with INVALID_ARGUMENT', (_name, change) => {
    const result = writeMeasurementReport(change(reportInput()));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('checkTid1500', () => {
  it('names the rows a broken tree lacks', () => {
    const root = tree(write(reportInput()));
    const stripped: SrContentItem = {
      ...root,
      templateId: null,
      children: root.children.filter(
        (c) =>
          c.concept?.codeValue !== CODES.languageOfContent.codeValue &&
          c.concept?.codeValue !== CODES.imageLibrary.codeValue,
      ),
    };
    expect(checkTid1500(stripped)).toEqual([
      'TID 1500 row 1: ContentTemplateSequence must name 1500 (DCMR)',
      'TID 1500 row 2: Language of Content Item and Descendants (TID 1204) is required',
      'TID 1500 row 5: exactly one Image Library container is required (TID 1600)',
    ]);
  });
});
