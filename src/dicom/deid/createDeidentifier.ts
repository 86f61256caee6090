/**
 * De-identification of DICOM Part 10 files for export: one deidentifier per export session, so
 * every file of every study maps its UIDs, pseudonyms and dates the same way.
 */
import dcmjs from 'dcmjs';
import type { DenaturalizedDataset, DicomDict, NaturalDataset } from 'dcmjs';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '../write/writePart10.ts';
import { createDeidKeys, type DeidKeys } from './createDeidKeys.ts';
import { deidentifyDataset } from './deidentifyDataset.ts';
import { findMalformedElement } from './findMalformedElement.ts';
import type {
  DeidContext,
  DeidError,
  DeidOptions,
  DeidResult,
  DeidentifiedFile,
  PatientDeidentity,
} from './types.ts';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const REFUSED_TRANSFER_SYNTAXES = new Set([
  '1.2.840.10008.1.2.2', // explicit VR big endian (retired): pixel bytes would need swapping
  '1.2.840.10008.1.2.1.99', // deflated explicit VR little endian
]);

/** PS3.16 CID 7050 De-identification Method: what every output file declares it went through. */
export const DEIDENTIFICATION_METHOD_CODES = [
  {
    CodeValue: '113100',
    CodingSchemeDesignator: 'DCM',
    CodeMeaning: 'Basic Application Confidentiality Profile',
  },
  {
    CodeValue: '113107',
    CodingSchemeDesignator: 'DCM',
    CodeMeaning: 'Retain Longitudinal Temporal Information Modified Dates Option',
  },
  {
    CodeValue: '113104',
    CodingSchemeDesignator: 'DCM',
    CodeMeaning: 'Clean Structured Content Option',
  },
] as const;
// LO: at most 64 characters per value.
export const DEIDENTIFICATION_METHOD = 'PS3.15 E.1 Basic; Modified Dates; Clean Structured Content';

export interface Deidentifier {
  /** Part 10 bytes in, de-identified Part 10 bytes out (explicit VR LE or the input's
   * encapsulated syntax; zero preamble). `file` only names the input in errors. */
  readonly deidentifyPart10: (bytes: Uint8Array, file?: string) => DeidResult<DeidentifiedFile>;
  /** The same for a dcmjs denaturalized dataset (no file meta). */
  readonly deidentifyDataset: (dataset: DenaturalizedDataset) => DenaturalizedDataset;
  /** The same for a dcmjs naturalized dataset (keyword form). */
  readonly deidentifyNaturalDataset: (dataset: NaturalDataset) => NaturalDataset;
  /** The replacement of a UID in this session (for references kept outside DICOM, e.g. JSON). */
  readonly mapUid: (uid: string) => string;
  /** Pseudonyms and date offset of a patient, by original PatientID. */
  readonly patient: (patientId: string) => PatientDeidentity;
}

const fail = (
  code: DeidError['code'],
  message: string,
  file?: string,
): { ok: false; error: DeidError } => ({
  ok: false,
  error: { code, message, ...(file !== undefined ? { file } : {}) },
});

function patientKey(dataset: DenaturalizedDataset): string {
  const id = dataset['00100020']?.Value?.[0];
  if (typeof id === 'string' && id.trim()) return `id:${id.trim()}`;
  const name = dataset['00100010']?.Value?.[0];
  const text =
    typeof name === 'string'
      ? name
      : ((name as { Alphabetic?: string } | undefined)?.Alphabetic ?? '');
  return `name:${text.trim()}`;
}

function applyProfile(
  keys: DeidKeys,
  dataset: DenaturalizedDataset,
): { dataset: DenaturalizedDataset; context: DeidContext } {
  const context: DeidContext = {
    mapUid: keys.mapUid,
    patient: keys.patient(patientKey(dataset)),
    counts: { removed: 0, emptied: 0, replaced: 0, uidsRemapped: 0, datesShifted: 0 },
  };
  const out = deidentifyDataset(dataset, context);
  const extra = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: DEIDENTIFICATION_METHOD,
    DeidentificationMethodCodeSequence: DEIDENTIFICATION_METHOD_CODES.map((c) => ({ ...c })),
    LongitudinalTemporalInformationModified: 'MODIFIED',
  });
  return { dataset: { ...out, ...extra }, context };
}

export function createDeidentifier(options: DeidOptions): DeidResult<Deidentifier> {
  if (!(options.salt instanceof Uint8Array) || options.salt.length < 16)
    return fail('INVALID_ARGUMENT', 'the session salt must be at least 16 random bytes');
  if (options.dateOffsetDays !== undefined && !Number.isInteger(options.dateOffsetDays))
    return fail(
      'INVALID_ARGUMENT',
      `date offset ${options.dateOffsetDays} is not a whole number of days`,
    );
  const keys = createDeidKeys(options);
  const refuseBurnedIn = options.refuseBurnedInAnnotation ?? true;

  const deidentifyPart10 = (bytes: Uint8Array, file?: string): DeidResult<DeidentifiedFile> => {
    let dict: DicomDict;
    try {
      const buffer = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      dict = dcmjs.data.DicomMessage.readFile(buffer);
    } catch (thrown) {
      return fail(
        'NOT_DICOM',
        `not a readable DICOM Part 10 file: ${(thrown as Error).message ?? thrown}`,
        file,
      );
    }
    const transferSyntax = String(dict.meta['00020010']?.Value?.[0] ?? '').trim();
    if (REFUSED_TRANSFER_SYNTAXES.has(transferSyntax))
      return fail(
        'UNSUPPORTED_TRANSFER_SYNTAX',
        `transfer syntax ${transferSyntax} is not de-identified`,
        file,
      );
    if (refuseBurnedIn && String(dict.dict['00280301']?.Value?.[0] ?? '').trim() === 'YES')
      return fail(
        'BURNED_IN_ANNOTATION',
        'BurnedInAnnotation is YES and pixel data is not cleaned',
        file,
      );
    const malformed = findMalformedElement(dict.dict, bytes.byteLength);
    if (malformed)
      return fail('MALFORMED_DATASET', `element ${malformed} could not be read as its VR`, file);
    const { dataset, context } = applyProfile(keys, dict.dict);
    const sopClassUid = String(dataset['00080016']?.Value?.[0] ?? '');
    const sopInstanceUid = String(dataset['00080018']?.Value?.[0] ?? '');
    if (!sopClassUid || !sopInstanceUid)
      return fail('NOT_DICOM', 'SOPClassUID and SOPInstanceUID are required', file);
    const outSyntax =
      transferSyntax === IMPLICIT_VR_LITTLE_ENDIAN || transferSyntax === ''
        ? EXPLICIT_VR_LITTLE_ENDIAN
        : transferSyntax;
    try {
      const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
        FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
        MediaStorageSOPClassUID: sopClassUid,
        MediaStorageSOPInstanceUID: sopInstanceUid,
        TransferSyntaxUID: outSyntax,
        ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
        ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
      });
      const out = new dcmjs.data.DicomDict(meta);
      out.dict = dataset;
      const written = new Uint8Array(out.write());
      written.fill(0, 0, 128); // CVE-2019-11687: no polyglot preamble
      return { ok: true, value: { bytes: written, sopInstanceUid, report: { ...context.counts } } };
    } catch (thrown) {
      return fail(
        'ENCODE_FAILED',
        `the de-identified dataset could not be written: ${(thrown as Error).message ?? thrown}`,
        file,
      );
    }
  };

  const deidentifyRaw = (dataset: DenaturalizedDataset) => applyProfile(keys, dataset).dataset;
  return {
    ok: true,
    value: {
      deidentifyPart10,
      deidentifyDataset: deidentifyRaw,
      deidentifyNaturalDataset: (natural) => {
        const { DicomMetaDictionary } = dcmjs.data;
        return DicomMetaDictionary.naturalizeDataset(
          deidentifyRaw(DicomMetaDictionary.denaturalizeDataset(natural)),
        );
      },
      mapUid: keys.mapUid,
      patient: (patientId) => keys.patient(`id:${patientId.trim()}`),
    },
  };
}
