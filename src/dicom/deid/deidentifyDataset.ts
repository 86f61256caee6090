/**
 * Applies the confidentiality profile to a dcmjs dataset (denaturalized: tag → { vr, Value }),
 * sequences and SR content trees included, and returns a new dataset; the input is untouched.
 */
import type { DenaturalizedDataset, DenaturalizedElement } from 'dcmjs';
import { actionFor, resolveAction } from './profileTable.ts';
import { shiftDa, shiftDt } from './shiftDicomDate.ts';
import type { DeidContext } from './types.ts';

export const DUMMY_TEXT = 'ANONYMIZED';

const TAG_PATIENT_NAME = '00100010';
const TAG_PATIENT_ID = '00100020';
const TAG_CONTENT_SEQUENCE = '0040A730';
const TAG_VALUE_TYPE = '0040A040';
const TAG_CONCEPT_NAME = '0040A043';
const TAG_TEXT_VALUE = '0040A160';
const TAG_CODE_VALUE = '00080100';
const TAG_CODING_SCHEME = '00080102';

/**
 * Clean Structured Content Option (PS3.15 E.3.9): TEXT content items keep their value only when
 * their concept is known to hold no identity (the identifiers and labels our SR writes);
 * anything else, e.g. a free-text comment, is replaced. PNAME, DATE and UIDREF values are
 * handled by their attributes' own actions (D, C, U).
 */
const SAFE_TEXT_CONCEPTS = new Set([
  'DCM:112039', // Tracking Identifier
  'NCIt:C67447', // Activity Session
  'DCM:111001', // Algorithm Name
  'DCM:111003', // Algorithm Version
  'SCT:278201002', // Classification
  'DCM:121014', // Device Observer Manufacturer
  'DCM:121015', // Device Observer Model Name
]);

const TEXT_VRS = new Set(['AE', 'CS', 'LO', 'LT', 'SH', 'ST', 'UC', 'UT']);
const NUMBER_VRS = new Set(['DS', 'IS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD', 'UV', 'SV']);

function dummy(vr: string): unknown[] {
  if (vr === 'PN') return [{ Alphabetic: DUMMY_TEXT }];
  if (TEXT_VRS.has(vr)) return [DUMMY_TEXT];
  if (NUMBER_VRS.has(vr)) return [0];
  if (vr === 'AS') return ['000Y'];
  if (vr === 'DA') return ['19000101'];
  if (vr === 'TM') return ['000000'];
  if (vr === 'DT') return ['19000101000000'];
  if (vr === 'OB' || vr === 'OW' || vr === 'UN' || vr === 'OD' || vr === 'OF' || vr === 'OL')
    return [new ArrayBuffer(0)];
  return [];
}

const values = (element: DenaturalizedElement): unknown[] => element.Value ?? [];

function firstString(ds: DenaturalizedDataset | undefined, tag: string): string {
  const v = ds?.[tag]?.Value?.[0];
  return typeof v === 'string' ? v.trim() : '';
}

function conceptKey(item: DenaturalizedDataset): string {
  const code = item[TAG_CONCEPT_NAME]?.Value?.[0] as DenaturalizedDataset | undefined;
  return `${firstString(code, TAG_CODING_SCHEME)}:${firstString(code, TAG_CODE_VALUE)}`;
}

function mapUids(element: DenaturalizedElement, context: DeidContext): DenaturalizedElement {
  const mapped = values(element).map((v) => (typeof v === 'string' ? context.mapUid(v) : v));
  if (mapped.some((v, i) => v !== values(element)[i])) context.counts.uidsRemapped++;
  return { vr: element.vr, Value: mapped };
}

function shiftDates(element: DenaturalizedElement, context: DeidContext): DenaturalizedElement {
  const days = context.patient.dateOffsetDays;
  const shift = element.vr === 'DT' ? shiftDt : shiftDa;
  const shifted = values(element)
    .map((v) => (typeof v === 'string' && v.trim() !== '' ? shift(v, days) : null))
    .filter((v): v is string => v !== null);
  context.counts.datesShifted++;
  return { vr: element.vr, Value: shifted };
}

function cleanItems(
  element: DenaturalizedElement,
  context: DeidContext,
  contentItems: boolean,
): DenaturalizedElement {
  const items = values(element) as DenaturalizedDataset[];
  return { vr: 'SQ', Value: items.map((item) => deidentifyDataset(item, context, contentItems)) };
}

/** The element after the profile, or null when it is removed. */
function deidentifyElement(
  tag: string,
  element: DenaturalizedElement,
  context: DeidContext,
): DenaturalizedElement | null {
  const isSequence = element.vr === 'SQ';
  if (tag.endsWith('0000')) return null; // group lengths: recomputed or omitted on write
  if (tag === TAG_PATIENT_NAME)
    return { vr: 'PN', Value: [{ Alphabetic: context.patient.patientName }] };
  if (tag === TAG_PATIENT_ID) return { vr: element.vr, Value: [context.patient.patientId] };
  const listed = actionFor(tag);
  const action = listed === null ? 'K' : resolveAction(listed, isSequence);
  switch (action) {
    case 'X':
      context.counts.removed++;
      return null;
    case 'Z':
      context.counts.emptied++;
      return { vr: element.vr, Value: [] };
    case 'D':
    case 'U':
      if (isSequence) return cleanItems(element, context, tag === TAG_CONTENT_SEQUENCE);
      if (element.vr === 'UI') return mapUids(element, context);
      context.counts.replaced++;
      return { vr: element.vr, Value: dummy(element.vr) };
    case 'C':
      if (element.vr === 'DA' || element.vr === 'DT') return shiftDates(element, context);
      if (element.vr === 'TM') return element;
      context.counts.removed++;
      return null; // timestamps and time zones that cannot be shifted as dates
    default:
      // Attributes the table does not list: kept, but no original UID or date survives anywhere.
      if (isSequence) return cleanItems(element, context, tag === TAG_CONTENT_SEQUENCE);
      if (element.vr === 'UI') return mapUids(element, context);
      if (element.vr === 'DA' || element.vr === 'DT') return shiftDates(element, context);
      return element;
  }
}

/**
 * De-identifies `dataset` under `context` (see createDeidentifier): PS3.15 E.1-1 actions per
 * attribute (X remove, Z empty, D dummy, U consistent UID, C shifted date), private attributes
 * removed, every other UID remapped and every DA/DT shifted by the patient's offset, nested
 * sequences included. `contentItems` marks the items of an SR ContentSequence, whose TEXT values
 * are cleaned (Clean Structured Content Option).
 */
export function deidentifyDataset(
  dataset: DenaturalizedDataset,
  context: DeidContext,
  contentItems = false,
): DenaturalizedDataset {
  const out: DenaturalizedDataset = {};
  for (const [tag, element] of Object.entries(dataset)) {
    const result = deidentifyElement(tag.toUpperCase(), element, context);
    if (result) out[tag] = result;
  }
  const text = out[TAG_TEXT_VALUE];
  if (
    contentItems &&
    text &&
    firstString(dataset, TAG_VALUE_TYPE) === 'TEXT' &&
    !SAFE_TEXT_CONCEPTS.has(conceptKey(dataset))
  ) {
    context.counts.replaced++;
    out[TAG_TEXT_VALUE] = { vr: text.vr, Value: [DUMMY_TEXT] };
  }
  return out;
}
