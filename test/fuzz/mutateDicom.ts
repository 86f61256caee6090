/**
 * Mutation operators of the hostile-file corpus. Each takes a private copy of the seed's bytes
 * and the seed's layout and returns the mutated bytes and a short note of what it did, or null
 * when it does not apply to that seed. In-place operators keep every offset valid, so several
 * can be stacked on one layout; the two that move bytes (nesting insertion, truncation) run last.
 */
import { buildNestedSequences, type LengthStyle } from './buildNestedSequences.ts';
import type { Prng } from './createPrng.ts';
import type { DicomLayout, ElementLayout } from './describeDicomLayout.ts';

export type MutationKind =
  | 'truncate'
  | 'flipHeaderBytes'
  | 'hugeLength'
  | 'wrongVr'
  | 'undefinedLength'
  | 'deepNesting'
  | 'pixelModuleValues'
  | 'corruptCompressedFrame';

export interface Mutation {
  bytes: Uint8Array;
  note: string;
  /** Set by deepNesting: what was inserted. */
  nesting?: NestingInfo;
}

export interface NestingInfo {
  depth: number;
  tag: number;
  lengths: LengthStyle;
}

type Operator = (bytes: Uint8Array, layout: DicomLayout | null, rng: Prng) => Mutation | null;

const ALL_VRS = (
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR ' +
  'US UT UV'
).split(' ');
const INVALID_VRS = ['ZZ', '\0\0', 'sq', '  ', '\xff\xff'];

/** Depths of the nesting attack: around the cap (256) and far beyond the parsers' stacks. */
export const NESTING_DEPTHS = [
  10, 64, 128, 200, 255, 256, 257, 300, 512, 1000, 2000, 5000, 10_000, 20_000,
];

function writeUint(bytes: Uint8Array, at: number, size: 2 | 4, value: number, le: boolean): void {
  if (at < 0 || at + size > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size === 2) view.setUint16(at, value & 0xffff, le);
  else view.setUint32(at, value >>> 0, le);
}

function splice(bytes: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return out;
}

const hex = (value: number, digits = 8): string => value.toString(16).padStart(digits, '0');
const tagName = (e: ElementLayout): string =>
  `(${hex(e.tag >>> 16, 4)},${hex(e.tag & 0xffff, 4)})@${e.headerOffset}`;

function headerEnd(bytes: Uint8Array, layout: DicomLayout | null): number {
  return layout?.pixelData ? layout.pixelData.dataOffset : bytes.length;
}

const truncate: Operator = (bytes, layout, rng) => {
  if (bytes.length < 2) return null;
  const mode = rng.int(4);
  let cut: number;
  if (mode === 0 && layout && layout.elements.length > 0) {
    const e = rng.pick(layout.elements);
    cut = e.headerOffset + rng.int(Math.max(1, e.dataOffset - e.headerOffset + 4));
  } else if (mode === 1 && layout?.pixelData) {
    cut = layout.pixelData.dataOffset + rng.int(Math.max(1, layout.pixelData.length));
  } else if (mode === 2) {
    cut = bytes.length - 1 - rng.int(Math.min(16, bytes.length - 1));
  } else {
    cut = rng.int(bytes.length);
  }
  cut = Math.max(0, Math.min(bytes.length - 1, cut));
  return { bytes: bytes.slice(0, cut), note: `truncate@${cut}` };
};

const flipHeaderBytes: Operator = (bytes, layout, rng) => {
  const end = headerEnd(bytes, layout);
  if (end < 1) return null;
  const count = rng.range(1, 8);
  const at: number[] = [];
  for (let n = 0; n < count; n++) {
    let i: number;
    if (layout && layout.elements.length > 0 && rng.chance(0.6)) {
      const e = rng.pick(layout.elements);
      i = e.headerOffset + rng.int(Math.max(1, e.dataOffset - e.headerOffset));
    } else {
      i = rng.int(end);
    }
    if (i < 0 || i >= bytes.length) continue;
    const how = rng.int(4);
    const old = bytes[i] ?? 0;
    bytes[i] =
      how === 0
        ? old ^ (1 << rng.int(8))
        : how === 1
          ? 0
          : how === 2
            ? 0xff
            : old ^ rng.range(1, 255);
    at.push(i);
  }
  return { bytes, note: `flip@${at.join(',')}` };
};

const hugeLength: Operator = (bytes, layout, rng) => {
  if (!layout || layout.elements.length === 0) return null;
  const e = rng.pick(layout.elements);
  const remaining = bytes.length - e.dataOffset;
  const value =
    e.lengthSize === 2
      ? rng.pick([
          0xffff,
          0xfffe,
          0x8000,
          0x7fff,
          rng.int(0x10000),
          Math.min(0xffff, remaining + 1),
        ])
      : rng.pick([
          0xfffffffe,
          0xfffffff0,
          0x7fffffff,
          0x80000000,
          0x40000000,
          remaining + 1,
          remaining + 2 + rng.int(64),
          rng.uint32(),
        ]);
  writeUint(bytes, e.lengthOffset, e.lengthSize, value, e.littleEndian);
  return { bytes, note: `length${e.lengthSize * 8}=${value}:${tagName(e)}` };
};

const wrongVr: Operator = (bytes, layout, rng) => {
  const candidates = layout?.elements.filter((e) => e.vr !== null) ?? [];
  if (candidates.length === 0) return null;
  const e = rng.pick(candidates);
  const vr = rng.chance(0.15)
    ? rng.pick(INVALID_VRS)
    : e.lengthSize === 2
      ? rng.pick(['UN', 'SQ', 'OB', 'UT', 'OW', ...ALL_VRS])
      : rng.pick(['DS', 'US', 'CS', 'SQ', ...ALL_VRS]);
  bytes[e.headerOffset + 4] = vr.charCodeAt(0) & 0xff;
  bytes[e.headerOffset + 5] = vr.charCodeAt(1) & 0xff;
  return { bytes, note: `vr ${e.vr}->${JSON.stringify(vr)}:${tagName(e)}` };
};

const undefinedLength: Operator = (bytes, layout, rng) => {
  const candidates = layout?.elements.filter((e) => e.lengthSize === 4) ?? [];
  if (candidates.length === 0) return null;
  const e = rng.pick(candidates);
  writeUint(bytes, e.lengthOffset, 4, 0xffffffff, e.littleEndian);
  return { bytes, note: `undefined-length:${tagName(e)}` };
};

const deepNesting: Operator = (bytes, layout, rng) => {
  if (!layout) return null;
  const depth = rng.chance(0.7) ? rng.pick(NESTING_DEPTHS) : rng.range(10, 20_000);
  const lengths = rng.pick<LengthStyle>(['defined', 'undefined', 'mixed', 'unclosed']);
  const tag = rng.pick([0x0040a730, 0x00081140, 0x00091010]);
  const nested = buildNestedSequences({
    depth,
    explicitVr: layout.explicit,
    littleEndian: layout.littleEndian,
    lengths,
    tag,
    coin: () => rng.chance(0.5),
  });
  const where = rng.int(3);
  const at =
    where === 0
      ? layout.dataSetStart
      : where === 1 && layout.pixelData
        ? layout.pixelData.headerOffset
        : bytes.length;
  return {
    bytes: splice(bytes, at, nested),
    note: `nest depth=${depth} ${lengths} tag=${hex(tag)}@${at}`,
    nesting: { depth, tag, lengths },
  };
};

// Image Pixel module attributes (PS3.3 C.7.6.3) and their extreme values.
const PIXEL_US_TAGS = [
  0x00280010, 0x00280011, 0x00280100, 0x00280101, 0x00280102, 0x00280002, 0x00280103, 0x00280006,
];
const US_VALUES = [0, 1, 2, 3, 7, 8, 12, 15, 16, 17, 24, 32, 33, 64, 255, 256, 4096, 32768, 65535];
const NUMBER_TAGS = [0x00280008, 0x00281053, 0x00281052, 0x00200032, 0x00280030, 0x00200037];
const NUMBER_VALUES = [
  '0',
  '-1',
  '2147483647',
  '99999999',
  '1e308',
  'NaN',
  '-0',
  'Infinity',
  '1\\2\\3',
  '\\\\\\',
  '1e-320',
  '65536',
];

const pixelModuleValues: Operator = (bytes, layout, rng) => {
  const targets =
    layout?.elements.filter(
      (e) => PIXEL_US_TAGS.includes(e.tag) || NUMBER_TAGS.includes(e.tag) || e.tag === 0x00280008,
    ) ?? [];
  if (targets.length === 0) return null;
  const changes: string[] = [];
  for (let n = rng.range(1, 3); n > 0; n--) {
    const e = rng.pick(targets);
    if (PIXEL_US_TAGS.includes(e.tag) && e.length >= 2) {
      const value = rng.chance(0.8) ? rng.pick(US_VALUES) : rng.int(0x10000);
      writeUint(bytes, e.dataOffset, 2, value, e.littleEndian);
      changes.push(`${tagName(e)}=${value}`);
    } else if (e.length > 0) {
      const text = rng.pick(NUMBER_VALUES).slice(0, e.length).padEnd(e.length, ' ');
      for (let i = 0; i < e.length; i++) bytes[e.dataOffset + i] = text.charCodeAt(i) & 0xff;
      changes.push(`${tagName(e)}="${text.trim()}"`);
    }
  }
  return { bytes, note: changes.join(';') };
};

const corruptCompressedFrame: Operator = (bytes, layout, rng) => {
  const pixel = layout?.pixelData;
  if (!pixel || pixel.fragments.length === 0 || !layout) return null;
  const fragment = rng.pick(pixel.fragments);
  const start = fragment.position;
  const end = Math.min(bytes.length, start + fragment.length);
  const mode = rng.pick([
    'flip',
    'flip',
    'rleHeader',
    'zero',
    'fill80',
    'fragmentLength',
    'offsetTable',
    'dropDelimiter',
    'literalOverrun',
  ] as const);
  switch (mode) {
    case 'flip': {
      for (let n = rng.range(1, 16); n > 0; n--) {
        const i = rng.chance(0.5)
          ? start + rng.int(Math.min(64, end - start))
          : start + rng.int(end - start);
        if (i < end) bytes[i] = (bytes[i] ?? 0) ^ rng.range(1, 255);
      }
      break;
    }
    case 'rleHeader': {
      // PS3.5 G.5: segment count, then 15 segment offsets.
      const field = rng.int(16);
      const value = rng.pick([
        0,
        1,
        2,
        3,
        15,
        16,
        63,
        64,
        0xffffffff,
        fragment.length,
        rng.uint32(),
      ]);
      writeUint(bytes, start + 4 * field, 4, value, true);
      break;
    }
    case 'zero':
      bytes.fill(0, start, end);
      break;
    case 'fill80':
      bytes.fill(0x80, start + Math.min(64, end - start), end);
      break;
    case 'fragmentLength': {
      const value = rng.pick([
        0,
        1,
        7,
        fragment.length - 1,
        fragment.length + 8,
        0xfffffff0,
        0xffffffff,
      ]);
      writeUint(bytes, start - 4, 4, value, true);
      break;
    }
    case 'offsetTable': {
      // The Basic Offset Table item follows the PixelData header.
      const botLength = pixel.dataOffset + 4;
      writeUint(bytes, botLength, 4, rng.pick([4, 8, 0xfffffff0, 3, rng.uint32()]), true);
      break;
    }
    case 'dropDelimiter': {
      const last = pixel.fragments[pixel.fragments.length - 1];
      if (last) writeUint(bytes, last.position + last.length, 4, rng.uint32(), true);
      break;
    }
    case 'literalOverrun':
      // A literal run asking for 128 bytes right before the end of the fragment.
      if (end - 2 > start) bytes[end - 2] = 0x7f;
      break;
  }
  return { bytes, note: `frame:${mode}@${start}` };
};

export const OPERATORS: Readonly<Record<MutationKind, Operator>> = {
  truncate,
  flipHeaderBytes,
  hugeLength,
  wrongVr,
  undefinedLength,
  deepNesting,
  pixelModuleValues,
  corruptCompressedFrame,
};

/** Relative frequency of each operator in the corpus. */
export const OPERATOR_WEIGHTS: Readonly<Record<MutationKind, number>> = {
  truncate: 13,
  flipHeaderBytes: 17,
  hugeLength: 14,
  wrongVr: 10,
  undefinedLength: 10,
  deepNesting: 13,
  pixelModuleValues: 10,
  corruptCompressedFrame: 13,
};

/** Operators that move bytes: applied after every in-place one. */
const MOVING: ReadonlySet<MutationKind> = new Set(['deepNesting', 'truncate']);

/**
 * Applies 1–3 operators (the first one `first` if given) to a copy of `seed`. Returns the bytes
 * and the list of notes; operators that do not apply to the seed are skipped.
 */
export function mutateDicom(
  seed: Uint8Array,
  layout: DicomLayout | null,
  rng: Prng,
  first?: MutationKind,
): { bytes: Uint8Array; kinds: MutationKind[]; notes: string[]; nesting?: NestingInfo } {
  const count = rng.chance(0.7) ? 1 : rng.chance(0.75) ? 2 : 3;
  const chosen: MutationKind[] = [];
  if (first) chosen.push(first);
  for (let guard = 0; chosen.length < count && guard < 20; guard++) {
    const kind = rng.weighted(OPERATOR_WEIGHTS);
    if (MOVING.has(kind) && chosen.includes(kind)) continue;
    chosen.push(kind);
  }
  const ordered = [
    ...chosen.filter((k) => !MOVING.has(k)),
    ...chosen.filter((k) => k === 'deepNesting'),
    ...chosen.filter((k) => k === 'truncate'),
  ];
  let bytes: Uint8Array = seed.slice();
  const kinds: MutationKind[] = [];
  const notes: string[] = [];
  let nesting: NestingInfo | undefined;
  for (const kind of ordered) {
    const result = OPERATORS[kind](bytes, layout, rng);
    if (!result) continue;
    bytes = result.bytes;
    kinds.push(kind);
    notes.push(result.note);
    if (result.nesting) nesting = result.nesting;
  }
  return nesting ? { bytes, kinds, notes, nesting } : { bytes, kinds, notes };
}
