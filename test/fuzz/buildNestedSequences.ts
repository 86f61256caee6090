/**
 * Bytes of one sequence element nested `depth` levels deep (SQ → item → SQ → item …), the
 * shape that overflows recursive DICOM parsers (dicom-parser and dcmjs at ~2,000 levels). Each
 * level's sequence and item may have an explicit length or an undefined one closed by its
 * delimitation item; `unclosed` leaves undefined lengths without delimiters (runs to EOF).
 */
export type LengthStyle = 'defined' | 'undefined' | 'mixed' | 'unclosed';

export interface NestedSequenceSpec {
  depth: number;
  explicitVr: boolean;
  littleEndian: boolean;
  lengths: LengthStyle;
  /** Tag of every sequence element, e.g. 0x0040a730 (ContentSequence) or a private one. */
  tag: number;
  /** Decides 'mixed' levels (true = undefined length); called twice per level. */
  coin?: () => boolean;
}

const UNDEFINED = 0xffffffff;

/** The encoded element (starting with its tag), ready to splice into a dataset. */
export function buildNestedSequences(spec: NestedSequenceSpec): Uint8Array {
  const { depth, explicitVr, littleEndian } = spec;
  const sqHeader = explicitVr ? 12 : 8;
  const undefinedSq = new Uint8Array(depth);
  const undefinedItem = new Uint8Array(depth);
  for (let i = 0; i < depth; i++) {
    const style = spec.lengths;
    const pick = (): boolean =>
      style === 'defined' ? false : style === 'mixed' ? (spec.coin?.() ?? i % 2 === 0) : true;
    undefinedSq[i] = pick() ? 1 : 0;
    undefinedItem[i] = pick() ? 1 : 0;
  }
  const closed = spec.lengths !== 'unclosed';
  // A short string in the innermost item so the deepest dataset is not empty: an 8-byte
  // header (explicit: tag, VR, 16-bit length; implicit: tag, 32-bit length) and "DEEP".
  const payload = 12;
  // sizes[i] = bytes of the sequence element at level i, delimiters included.
  const sizes = new Float64Array(depth + 1);
  sizes[depth] = payload;
  for (let i = depth - 1; i >= 0; i--) {
    const delimiters = closed ? ((undefinedSq[i] ?? 0) + (undefinedItem[i] ?? 0)) * 8 : 0;
    sizes[i] = sqHeader + 8 + (sizes[i + 1] ?? 0) + delimiters;
  }
  const out = new Uint8Array(sizes[0] ?? 0);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value: number): void => {
    view.setUint16(at, value, littleEndian);
    at += 2;
  };
  const u32 = (value: number): void => {
    view.setUint32(at, value >>> 0, littleEndian);
    at += 4;
  };
  const tag = (value: number): void => {
    u16(value >>> 16);
    u16(value & 0xffff);
  };
  for (let i = 0; i < depth; i++) {
    const inner = sizes[i + 1] ?? 0;
    const itemDelimiter = closed && undefinedItem[i] ? 8 : 0;
    tag(spec.tag);
    if (explicitVr) {
      out[at++] = 0x53; // S
      out[at++] = 0x51; // Q
      u16(0);
    }
    u32(undefinedSq[i] ? UNDEFINED : 8 + inner + itemDelimiter);
    tag(0xfffee000);
    u32(undefinedItem[i] ? UNDEFINED : inner);
  }
  // Innermost payload: (0008,0100) CodeValue "DEEP".
  tag(0x00080100);
  if (explicitVr) {
    out[at++] = 0x53; // S
    out[at++] = 0x48; // H
    u16(4);
  } else {
    u32(4);
  }
  for (const c of 'DEEP') out[at++] = c.charCodeAt(0);
  if (closed) {
    for (let i = depth - 1; i >= 0; i--) {
      if (undefinedItem[i]) {
        tag(0xfffee00d);
        u32(0);
      }
      if (undefinedSq[i]) {
        tag(0xfffee0dd);
        u32(0);
      }
    }
  }
  return out.subarray(0, at);
}
