/**
 * An SR document's content tree (PS3.3 C.17.3) read from a dcmjs denaturalized dataset into
 * plain typed items, whatever template wrote it. The Measurement Report reader and the TID 1500
 * check both work on this tree, not on DICOM attributes.
 */
import dcmjs from 'dcmjs';
import type { DenaturalizedDataset } from 'dcmjs';
import type { CodedConcept, SrResult } from './types.ts';

export const TAG = {
  codeValue: '00080100',
  codingScheme: '00080102',
  codeMeaning: '00080104',
  longCodeValue: '00080119',
  urnCodeValue: '00080120',
  referencedSopClass: '00081150',
  referencedSopInstance: '00081155',
  referencedFrameNumber: '00081160',
  referencedSopSequence: '00081199',
  referencedSegmentNumber: '0062000B',
  graphicData: '00700022',
  graphicType: '00700023',
  referencedFrameOfReference: '30060024',
  relationshipType: '0040A010',
  valueType: '0040A040',
  conceptName: '0040A043',
  dateTime: '0040A120',
  date: '0040A121',
  time: '0040A122',
  personName: '0040A123',
  uid: '0040A124',
  textValue: '0040A160',
  floatingPointValue: '0040A161',
  conceptCode: '0040A168',
  measuredValueSequence: '0040A300',
  numericValue: '0040A30A',
  unitsCode: '004008EA',
  templateSequence: '0040A504',
  contentSequence: '0040A730',
  templateIdentifier: '0040DB00',
} as const;

/** Nesting beyond this is refused: real reports stay under 10, hostile files go to thousands. */
export const MAX_CONTENT_DEPTH = 64;

export interface SrContentItem {
  readonly relationship: string | null;
  readonly valueType: string;
  readonly concept: CodedConcept | null;
  readonly templateId: string | null;
  readonly text: string | null;
  readonly code: CodedConcept | null;
  readonly uid: string | null;
  readonly date: string | null;
  readonly personName: string | null;
  readonly num: { readonly value: number; readonly unit: CodedConcept | null } | null;
  readonly image: {
    readonly sopClassUid: string;
    readonly sopInstanceUid: string;
    readonly frameNumbers: readonly number[];
    readonly segmentNumbers: readonly number[];
  } | null;
  readonly graphic: {
    readonly type: string;
    readonly data: readonly number[];
    readonly frameOfReferenceUid: string | null;
  } | null;
  readonly children: readonly SrContentItem[];
}

const values = (ds: DenaturalizedDataset | undefined, tag: string): unknown[] =>
  ds?.[tag]?.Value ?? [];

export function readString(ds: DenaturalizedDataset | undefined, tag: string): string | null {
  const v = values(ds, tag)[0];
  if (typeof v === 'string') return v.replace(/[\s\0]+$/, '');
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'Alphabetic' in v)
    return String((v as { Alphabetic: unknown }).Alphabetic ?? '');
  return null;
}

export const readItems = (
  ds: DenaturalizedDataset | undefined,
  tag: string,
): DenaturalizedDataset[] =>
  values(ds, tag).filter((v): v is DenaturalizedDataset => typeof v === 'object' && v !== null);

export function readNumbers(ds: DenaturalizedDataset | undefined, tag: string): number[] {
  return values(ds, tag)
    .map((v) => (typeof v === 'number' ? v : Number.parseFloat(String(v))))
    .filter((v) => Number.isFinite(v));
}

/** The first item of a Code Sequence Macro, or null. */
export function readCode(ds: DenaturalizedDataset | undefined, tag: string): CodedConcept | null {
  const item = readItems(ds, tag)[0];
  if (!item) return null;
  const value =
    readString(item, TAG.codeValue) ??
    readString(item, TAG.longCodeValue) ??
    readString(item, TAG.urnCodeValue);
  if (value === null) return null;
  return {
    codeValue: value.trim(),
    codingSchemeDesignator: (readString(item, TAG.codingScheme) ?? '').trim(),
    codeMeaning: (readString(item, TAG.codeMeaning) ?? '').trim(),
  };
}

function readNum(ds: DenaturalizedDataset): SrContentItem['num'] {
  const measured = readItems(ds, TAG.measuredValueSequence)[0];
  if (!measured) return null;
  // FloatingPointValue (PS3.3 C.18.1) is exact when present; NumericValue is the DS fallback.
  const value =
    readNumbers(measured, TAG.floatingPointValue)[0] ?? readNumbers(measured, TAG.numericValue)[0];
  return value === undefined ? null : { value, unit: readCode(measured, TAG.unitsCode) };
}

function readImage(ds: DenaturalizedDataset): SrContentItem['image'] {
  const ref = readItems(ds, TAG.referencedSopSequence)[0];
  const sopInstanceUid = readString(ref, TAG.referencedSopInstance);
  if (!ref || !sopInstanceUid) return null;
  return {
    sopClassUid: readString(ref, TAG.referencedSopClass) ?? '',
    sopInstanceUid,
    frameNumbers: readNumbers(ref, TAG.referencedFrameNumber),
    segmentNumbers: readNumbers(ref, TAG.referencedSegmentNumber),
  };
}

/** One content item and its descendants; throws RangeError past MAX_CONTENT_DEPTH. */
export function readContentItem(ds: DenaturalizedDataset, depth = 0): SrContentItem {
  if (depth > MAX_CONTENT_DEPTH)
    throw new RangeError(`content tree deeper than ${MAX_CONTENT_DEPTH}`);
  const valueType = (readString(ds, TAG.valueType) ?? '').trim();
  const graphicType = readString(ds, TAG.graphicType);
  return {
    relationship: readString(ds, TAG.relationshipType)?.trim() ?? null,
    valueType,
    concept: readCode(ds, TAG.conceptName),
    templateId:
      readString(readItems(ds, TAG.templateSequence)[0], TAG.templateIdentifier)?.trim() ?? null,
    text: valueType === 'TEXT' ? readString(ds, TAG.textValue) : null,
    code: valueType === 'CODE' ? readCode(ds, TAG.conceptCode) : null,
    uid: valueType === 'UIDREF' ? readString(ds, TAG.uid) : null,
    date: valueType === 'DATE' ? readString(ds, TAG.date) : null,
    personName: valueType === 'PNAME' ? readString(ds, TAG.personName) : null,
    num: valueType === 'NUM' ? readNum(ds) : null,
    image: valueType === 'IMAGE' ? readImage(ds) : null,
    graphic: graphicType
      ? {
          type: graphicType.trim(),
          data: readNumbers(ds, TAG.graphicData),
          frameOfReferenceUid: readString(ds, TAG.referencedFrameOfReference),
        }
      : null,
    children: readItems(ds, TAG.contentSequence).map((child) => readContentItem(child, depth + 1)),
  };
}

/** The content tree of a Part 10 SR file (for the TID 1500 check and other templates). */
export function readSrContentTree(bytes: Uint8Array): SrResult<SrContentItem> {
  try {
    const buffer = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    ) as ArrayBuffer;
    return { ok: true, value: readContentItem(dcmjs.data.DicomMessage.readFile(buffer).dict) };
  } catch (thrown) {
    return {
      ok: false,
      error: {
        code: 'NOT_AN_SR',
        message: `unreadable SR: ${(thrown as Error).message ?? String(thrown)}`,
      },
    };
  }
}
