/**
 * Reading the DICOM JSON model (PS3.18 §F.2): attributes keyed by 8-hex-digit tags, each
 * `{ vr, Value?: [...] }`. Readers are lenient about absent values and strict about shapes
 * that cannot be DICOM JSON (they throw `DicomJsonError`).
 */

export class DicomJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomJsonError';
  }
}

export type DicomJsonDataset = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that `value` is an array of DICOM JSON datasets (objects keyed by tags). */
export function asDatasetArray(value: unknown, what: string): DicomJsonDataset[] {
  if (!Array.isArray(value)) throw new DicomJsonError(`${what}: expected a JSON array`);
  return value.map((item, index) => asDataset(item, `${what}[${index}]`));
}

export function asDataset(value: unknown, what: string): DicomJsonDataset {
  if (!isObject(value)) throw new DicomJsonError(`${what}: expected a DICOM JSON object`);
  for (const [key, attribute] of Object.entries(value)) {
    if (!/^[0-9A-Fa-f]{8}$/.test(key)) {
      throw new DicomJsonError(`${what}: "${key.slice(0, 40)}" is not a DICOM tag`);
    }
    if (!isObject(attribute)) throw new DicomJsonError(`${what}: ${key} is not an attribute`);
    if ('Value' in attribute && !Array.isArray(attribute['Value'])) {
      throw new DicomJsonError(`${what}: ${key}.Value is not an array`);
    }
  }
  return value;
}

function values(dataset: DicomJsonDataset, tag: string): unknown[] {
  const attribute = dataset[tag] ?? dataset[tag.toLowerCase()];
  if (!isObject(attribute)) return [];
  const list = attribute['Value'];
  return Array.isArray(list) ? list : [];
}

/** A person name's text: the Alphabetic group (PS3.18 §F.2.2), else the first group present. */
function personNameText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return '';
  for (const group of ['Alphabetic', 'Ideographic', 'Phonetic']) {
    const text = value[group];
    if (typeof text === 'string') return text;
  }
  return '';
}

/** Every value of a string-valued attribute (PN as its Alphabetic text), as strings. */
export function stringValues(dataset: DicomJsonDataset, tag: string): string[] {
  return values(dataset, tag)
    .map((value) => (typeof value === 'number' ? String(value) : personNameText(value).trim()))
    .filter((text) => text !== '');
}

/** The first value as a string, or '' when absent. */
export function stringValue(dataset: DicomJsonDataset, tag: string): string {
  return stringValues(dataset, tag)[0] ?? '';
}

/** The first value as a number (IS, US, UL, or a numeric string), or null. */
export function numberValue(dataset: DicomJsonDataset, tag: string): number | null {
  const value = values(dataset, tag)[0];
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : null;
}

/** The items of a sequence attribute (empty when absent). */
export function sequenceItems(dataset: DicomJsonDataset, tag: string): DicomJsonDataset[] {
  return values(dataset, tag).map((item, index) => asDataset(item, `${tag}[${index}]`));
}
