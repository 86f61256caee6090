/**
 * dcmjs sometimes misreads a nested sequence: in pydicom's 2 KB rtdose_rle_1frame.dcm it reads
 * a 775 MB UN value past the end of the file, and writing that exhausts the heap. Checking that
 * every value has the shape of its VR and fits in the file it came from turns such misreads
 * into a refusal with a code.
 */
import type { DenaturalizedDataset } from 'dcmjs';

const BINARY_VRS = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN']);

function fits(vr: string, value: unknown, maxBytes: number): boolean {
  if (value === null || value === undefined) return true;
  if (vr === 'SQ')
    return (
      typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)
    );
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    return BINARY_VRS.has(vr) && value.byteLength <= maxBytes;
  if (BINARY_VRS.has(vr)) return false;
  if (vr === 'PN' && typeof value === 'object')
    return Object.values(value as Record<string, unknown>).every(
      (part) => typeof part === 'string',
    );
  if (typeof value === 'string') return value.length <= maxBytes;
  return typeof value === 'number' || typeof value === 'bigint';
}

/**
 * The tag path of the first element whose values do not fit its VR or are longer than the
 * `maxBytes` of the file read, or null.
 */
export function findMalformedElement(
  dataset: DenaturalizedDataset,
  maxBytes: number,
  path = '',
): string | null {
  for (const [tag, element] of Object.entries(dataset)) {
    const where = `${path}(${tag.slice(0, 4)},${tag.slice(4)})`;
    for (const value of element.Value ?? []) {
      if (!fits(element.vr, value, maxBytes)) return `${where} ${element.vr}`;
      if (element.vr === 'SQ') {
        const nested = findMalformedElement(value as DenaturalizedDataset, maxBytes, `${where}/`);
        if (nested) return nested;
      }
    }
  }
  return null;
}
