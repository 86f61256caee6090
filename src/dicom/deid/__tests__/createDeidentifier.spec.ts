import dcmjs from 'dcmjs';
import type { DenaturalizedDataset, NaturalDataset } from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { createDeidentifier, type Deidentifier } from '../createDeidentifier.ts';
import { daysBetween } from '../shiftDicomDate.ts';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const SR = '1.2.840.10008.5.1.4.1.1.88.34';
const ROOT = '1.2.826.0.1.3680043.10.1478.98';
const SALT = new Uint8Array(32).map((_, i) => i * 7 + 1);

/** Strings that identify the patient, staff, institution or study in the fixtures below. */
const IDENTIFYING = [
  'DOE^JANE',
  'PID-12345',
  '19600102',
  'HOSPITAL-X',
  'OTHER-999',
  'St Example Hospital',
  '1 Example Street',
  'WHO^DOCTOR',
  'ACC-777',
  'SID-42',
  'REQ-4711',
  'SECRET-PRIVATE',
  'READER^RITA',
  'told me her address',
  '20240725',
  '20240812',
  ROOT,
];

const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => [
  { CodeValue, CodingSchemeDesignator, CodeMeaning },
];

function encode(
  natural: NaturalDataset,
  extra: DenaturalizedDataset = {},
  transferSyntax = '1.2.840.10008.1.2.1',
): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const dict = new DicomDict(
    DicomMetaDictionary.denaturalizeDataset({
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: natural['SOPClassUID'],
      MediaStorageSOPInstanceUID: natural['SOPInstanceUID'],
      TransferSyntaxUID: transferSyntax,
      ImplementationClassUID: '1.2.3',
    }),
  );
  dict.dict = { ...DicomMetaDictionary.denaturalizeDataset(natural), ...extra };
  return new Uint8Array(dict.write());
}

function image(n: number, date: string, overrides: NaturalDataset = {}): Uint8Array {
  return encode(
    {
      SOPClassUID: CT,
      SOPInstanceUID: `${ROOT}.1.2.${n}`,
      PatientName: 'DOE^JANE',
      PatientID: 'PID-12345',
      IssuerOfPatientID: 'HOSPITAL-X',
      PatientBirthDate: '19600102',
      OtherPatientIDsSequence: [{ PatientID: 'OTHER-999' }],
      InstitutionName: 'St Example Hospital',
      InstitutionAddress: '1 Example Street',
      ReferringPhysicianName: 'WHO^DOCTOR',
      StudyDate: date,
      StudyTime: '091512',
      AcquisitionDateTime: `${date}091512.5`,
      AccessionNumber: 'ACC-777',
      StudyID: 'SID-42',
      StudyInstanceUID: `${ROOT}.1`,
      SeriesInstanceUID: `${ROOT}.1.2`,
      FrameOfReferenceUID: `${ROOT}.1.0`,
      Modality: 'CT',
      RequestAttributesSequence: [{ RequestedProcedureID: 'REQ-4711' }],
      ReferencedImageSequence: [
        { ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: `${ROOT}.1.2.1` },
      ],
      ...overrides,
    },
    {
      '00090010': { vr: 'LO', Value: ['ACME 1'] },
      '00091001': { vr: 'LO', Value: ['SECRET-PRIVATE'] },
    },
  );
}

function report(): Uint8Array {
  const item = (vt: string, concept: NaturalDataset[], value: NaturalDataset) => ({
    RelationshipType: 'HAS OBS CONTEXT',
    ValueType: vt,
    ConceptNameCodeSequence: concept,
    ...value,
  });
  return encode({
    SOPClassUID: SR,
    SOPInstanceUID: `${ROOT}.1.91.1`,
    PatientName: 'DOE^JANE',
    PatientID: 'PID-12345',
    StudyDate: '20240725',
    StudyInstanceUID: `${ROOT}.1`,
    SeriesInstanceUID: `${ROOT}.1.91`,
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: code('126000', 'DCM', 'Imaging Measurement Report'),
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      item('PNAME', code('121008', 'DCM', 'Person Observer Name'), { PersonName: 'READER^RITA' }),
      item('TEXT', code('112039', 'DCM', 'Tracking Identifier'), { TextValue: 'L1' }),
      item('TEXT', code('121106', 'DCM', 'Comment'), { TextValue: 'she told me her address' }),
      item('DATE', code('111060', 'DCM', 'Study Date'), { Date: '20240812' }),
      item('UIDREF', code('112040', 'DCM', 'Tracking Unique Identifier'), { UID: `${ROOT}.7.1` }),
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'IMAGE',
        ReferencedSOPSequence: [
          { ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: `${ROOT}.1.2.1` },
        ],
      },
    ],
  });
}

function session(salt = SALT): Deidentifier {
  const created = createDeidentifier({ salt });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

function run(d: Deidentifier, bytes: Uint8Array) {
  const result = d.deidentifyPart10(bytes);
  if (!result.ok) throw new Error(result.error.message);
  const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(
    dcmjs.data.DicomMessage.readFile(result.value.bytes.buffer.slice(0) as ArrayBuffer).dict,
  ) as Record<string, unknown>;
  return { ...result.value, natural, text: new TextDecoder('latin1').decode(result.value.bytes) };
}

describe('createDeidentifier', () => {
  it('leaves none of the identifying strings anywhere in the bytes, nested sequences included', () => {
    const d = session();
    for (const bytes of [image(1, '20240725'), image(2, '20240812'), report()]) {
      const { text } = run(d, bytes);
      for (const needle of IDENTIFYING) expect(text.includes(needle), needle).toBe(false);
    }
  });

  it('remaps UIDs consistently across files, so references still resolve', () => {
    const d = session();
    const first = run(d, image(1, '20240725'));
    const second = run(d, image(2, '20240812'));
    const sr = run(d, report());
    const refOf = (n: Record<string, unknown>, seq: string) =>
      (n[seq] as Array<{ ReferencedSOPInstanceUID: string }>)[0]!.ReferencedSOPInstanceUID;
    expect(refOf(second.natural, 'ReferencedImageSequence')).toBe(first.sopInstanceUid);
    const content = sr.natural['ContentSequence'] as Array<Record<string, unknown>>;
    expect(refOf(content[5]!, 'ReferencedSOPSequence')).toBe(first.sopInstanceUid);
    expect(second.natural['StudyInstanceUID']).toBe(first.natural['StudyInstanceUID']);
    expect(second.natural['FrameOfReferenceUID']).toBe(first.natural['FrameOfReferenceUID']);
    for (const uid of [
      first.sopInstanceUid,
      first.natural['SeriesInstanceUID'],
      content[4]!['UID'],
    ]) {
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
      expect((uid as string).length).toBeLessThanOrEqual(64);
    }
    expect(first.natural['SOPClassUID']).toBe(CT); // standard UIDs are not identity
    expect(run(session(), image(1, '20240725')).sopInstanceUid).toBe(first.sopInstanceUid);
    expect(run(session(SALT.map((b) => b ^ 1)), image(1, '20240725')).sopInstanceUid).not.toBe(
      first.sopInstanceUid,
    );
  });

  it('shifts every date of the patient by one offset and keeps times', () => {
    const d = session();
    const july = run(d, image(1, '20240725')).natural;
    const august = run(d, image(2, '20240812')).natural;
    expect(daysBetween(july['StudyDate'] as string, august['StudyDate'] as string)).toBe(18);
    expect(daysBetween('20240725', july['StudyDate'] as string)).toBe(
      d.patient('PID-12345').dateOffsetDays,
    );
    expect(Math.abs(d.patient('PID-12345').dateOffsetDays) % 7).toBe(0);
    expect(july['AcquisitionDateTime']).toBe(`${july['StudyDate']}091512.5`);
    expect(july['StudyTime']).toBe('091512');
    expect(july['PatientBirthDate'] ?? '').toBe(''); // emptied (Z)
  });

  it('cleans SR content: names and free text replaced, identifiers kept, dates shifted', () => {
    const d = session();
    const content = run(d, report()).natural['ContentSequence'] as Array<Record<string, unknown>>;
    expect(content[0]!['PersonName']).toEqual([{ Alphabetic: 'ANONYMIZED' }]);
    expect(content[1]!['TextValue']).toBe('L1');
    expect(content[2]!['TextValue']).toBe('ANONYMIZED');
    expect(daysBetween('20240812', content[3]!['Date'] as string)).toBe(
      d.patient('PID-12345').dateOffsetDays,
    );
  });

  it('declares the profile, options and pseudonyms, and zeroes the preamble', () => {
    const d = session();
    const out = run(d, image(1, '20240725'));
    expect(out.bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
    expect(out.natural).toMatchObject({
      PatientIdentityRemoved: 'YES',
      LongitudinalTemporalInformationModified: 'MODIFIED',
      PatientID: d.patient('PID-12345').patientId,
    });
    expect(out.natural['PatientID']).toMatch(/^ANON-[0-9A-F]{10}$/);
    const methods = out.natural['DeidentificationMethodCodeSequence'] as Array<{
      CodeValue: string;
    }>;
    expect(methods.map((m) => m.CodeValue)).toEqual(['113100', '113107', '113104']);
    const other = run(d, image(3, '20240725', { PatientID: 'PID-2' })).natural['PatientID'];
    expect(other).not.toBe(out.natural['PatientID']);
    expect(out.natural['InstitutionName']).toBe('ANONYMIZED');
    expect(out.natural['OtherPatientIDsSequence']).toBeUndefined();
  });

  it('refuses what it cannot de-identify safely, with a code', () => {
    const d = session();
    const burned = d.deidentifyPart10(
      image(1, '20240725', { BurnedInAnnotation: 'YES' }),
      'burned.dcm',
    );
    expect(!burned.ok && burned.error).toMatchObject({
      code: 'BURNED_IN_ANNOTATION',
      file: 'burned.dcm',
    });
    const garbage = d.deidentifyPart10(new Uint8Array(200));
    expect(!garbage.ok && garbage.error.code).toBe('NOT_DICOM');
    const weak = createDeidentifier({ salt: new Uint8Array(8) });
    expect(!weak.ok && weak.error.code).toBe('INVALID_ARGUMENT');
  });

  it('works on naturalized datasets too', () => {
    const out = session().deidentifyNaturalDataset({
      PatientName: 'DOE^JANE',
      PatientID: 'PID-12345',
      StudyDate: '20240725',
      SOPInstanceUID: `${ROOT}.5`,
      ReferencedSeriesSequence: [{ SeriesInstanceUID: `${ROOT}.1.2` }],
    });
    expect(JSON.stringify(out)).not.toMatch(/DOE|PID-12345|20240725|1\.2\.826/);
  });
});
