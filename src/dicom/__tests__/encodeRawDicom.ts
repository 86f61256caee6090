/**
 * Test-only DICOM encoder for what dcmjs does not write easily: implicit VR little endian,
 * explicit VR big endian, bare datasets without the Part 10 header, and RLE Lossless. It knows
 * only the attributes the fixture factory uses.
 */

export type RawEncoding = 'implicit-le' | 'explicit-be' | 'implicit-le-bare' | 'rle';

const DICTIONARY: Record<string, [number, string]> = {
  SOPClassUID: [0x00080016, 'UI'],
  SOPInstanceUID: [0x00080018, 'UI'],
  ImageType: [0x00080008, 'CS'],
  StudyDate: [0x00080020, 'DA'],
  StudyTime: [0x00080030, 'TM'],
  AccessionNumber: [0x00080050, 'SH'],
  Modality: [0x00080060, 'CS'],
  StudyDescription: [0x00081030, 'LO'],
  SeriesDescription: [0x0008103e, 'LO'],
  PatientName: [0x00100010, 'PN'],
  PatientID: [0x00100020, 'LO'],
  PatientBirthDate: [0x00100030, 'DA'],
  PatientSex: [0x00100040, 'CS'],
  SliceThickness: [0x00180050, 'DS'],
  EchoTime: [0x00180081, 'DS'],
  StudyInstanceUID: [0x0020000d, 'UI'],
  SeriesInstanceUID: [0x0020000e, 'UI'],
  SeriesNumber: [0x00200011, 'IS'],
  InstanceNumber: [0x00200013, 'IS'],
  ImagePositionPatient: [0x00200032, 'DS'],
  ImageOrientationPatient: [0x00200037, 'DS'],
  FrameOfReferenceUID: [0x00200052, 'UI'],
  SamplesPerPixel: [0x00280002, 'US'],
  PhotometricInterpretation: [0x00280004, 'CS'],
  PlanarConfiguration: [0x00280006, 'US'],
  NumberOfFrames: [0x00280008, 'IS'],
  Rows: [0x00280010, 'US'],
  Columns: [0x00280011, 'US'],
  PixelSpacing: [0x00280030, 'DS'],
  BitsAllocated: [0x00280100, 'US'],
  BitsStored: [0x00280101, 'US'],
  HighBit: [0x00280102, 'US'],
  PixelRepresentation: [0x00280103, 'US'],
  WindowCenter: [0x00281050, 'DS'],
  WindowWidth: [0x00281051, 'DS'],
  RescaleIntercept: [0x00281052, 'DS'],
  RescaleSlope: [0x00281053, 'DS'],
};

const LONG_VRS = new Set(['OB', 'OW', 'SQ', 'UN', 'UT']);

interface RawElement {
  tag: number;
  vr: string;
  value: Uint8Array;
}

class ByteWriter {
  private readonly chunks: number[] = [];
  constructor(private readonly littleEndian: boolean) {}
  u16(value: number): void {
    const bytes = [value & 0xff, (value >> 8) & 0xff];
    this.chunks.push(...(this.littleEndian ? bytes : bytes.reverse()));
  }
  u32(value: number): void {
    const bytes = [
      value & 0xff,
      (value >>> 8) & 0xff,
      (value >>> 16) & 0xff,
      (value >>> 24) & 0xff,
    ];
    this.chunks.push(...(this.littleEndian ? bytes : bytes.reverse()));
  }
  raw(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.chunks.push(bytes[i] ?? 0);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function encodeValue(vr: string, value: unknown, littleEndian: boolean): Uint8Array {
  if (vr === 'US') {
    const writer = new ByteWriter(littleEndian);
    for (const v of Array.isArray(value) ? value : [value]) writer.u16(Number(v));
    return writer.bytes();
  }
  const text = Array.isArray(value) ? value.map(String).join('\\') : String(value);
  const bytes = Array.from(text, (c) => c.charCodeAt(0));
  if (bytes.length % 2 === 1) bytes.push(vr === 'UI' ? 0 : 0x20);
  return Uint8Array.from(bytes);
}

function encodePixels(words: Uint16Array | Uint8Array, littleEndian: boolean): Uint8Array {
  const writer = new ByteWriter(littleEndian);
  if (words instanceof Uint16Array) for (const w of words) writer.u16(w);
  else {
    writer.raw(words);
    if (words.length % 2 === 1) writer.raw([0]);
  }
  return writer.bytes();
}

function writeElements(
  elements: RawElement[],
  littleEndian: boolean,
  explicit: boolean,
): Uint8Array {
  const writer = new ByteWriter(littleEndian);
  for (const element of [...elements].sort((a, b) => a.tag - b.tag)) {
    writer.u16(element.tag >>> 16);
    writer.u16(element.tag & 0xffff);
    if (explicit) {
      writer.raw([element.vr.charCodeAt(0), element.vr.charCodeAt(1)]);
      if (LONG_VRS.has(element.vr)) {
        writer.u16(0);
        writer.u32(element.value.length);
      } else writer.u16(element.value.length);
    } else writer.u32(element.value.length);
    writer.raw(element.value);
  }
  return writer.bytes();
}

/** 128-byte zero preamble, 'DICM' and a File Meta group (always explicit VR little endian). */
export function part10Header(
  sopClassUid: string,
  sopInstanceUid: string,
  transferSyntaxUid: string,
): Uint8Array {
  const meta = [
    { tag: 0x00020001, vr: 'OB', value: Uint8Array.from([0, 1]) },
    { tag: 0x00020002, vr: 'UI', value: encodeValue('UI', sopClassUid, true) },
    { tag: 0x00020003, vr: 'UI', value: encodeValue('UI', sopInstanceUid, true) },
    { tag: 0x00020010, vr: 'UI', value: encodeValue('UI', transferSyntaxUid, true) },
  ];
  const body = writeElements(meta, true, true);
  const lengthElement = writeElements(
    [{ tag: 0x00020000, vr: 'UL', value: new Uint8Array(new Uint32Array([body.length]).buffer) }],
    true,
    true,
  );
  const out = new Uint8Array(132 + lengthElement.length + body.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(lengthElement, 132);
  out.set(body, 132 + lengthElement.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Encapsulated pixel data: empty Basic Offset Table item, one fragment per frame, delimiter. */
function encapsulate(fragments: Uint8Array[]): Uint8Array {
  const writer = new ByteWriter(true);
  writer.u16(0x7fe0);
  writer.u16(0x0010);
  writer.raw([0x4f, 0x42, 0, 0]); // 'OB', reserved
  writer.u32(0xffffffff);
  writer.u16(0xfffe);
  writer.u16(0xe000);
  writer.u32(0); // empty Basic Offset Table
  for (const fragment of fragments) {
    writer.u16(0xfffe);
    writer.u16(0xe000);
    writer.u32(fragment.length + (fragment.length % 2));
    writer.raw(fragment);
    if (fragment.length % 2) writer.raw([0]);
  }
  writer.u16(0xfffe);
  writer.u16(0xe0dd);
  writer.u32(0);
  return writer.bytes();
}

const TRANSFER_SYNTAX: Record<RawEncoding, string> = {
  'implicit-le': '1.2.840.10008.1.2',
  'implicit-le-bare': '1.2.840.10008.1.2',
  'explicit-be': '1.2.840.10008.1.2.2',
  rle: '1.2.840.10008.1.2.5',
};

export function encodeRaw(
  dataset: Record<string, unknown>,
  words: Uint16Array | Uint8Array,
  encoding: RawEncoding,
): Uint8Array {
  const littleEndian = encoding !== 'explicit-be';
  const explicit = encoding === 'explicit-be' || encoding === 'rle';
  const elements: RawElement[] = [];
  for (const [keyword, value] of Object.entries(dataset)) {
    const entry = DICTIONARY[keyword];
    if (!entry) throw new Error(`fixture encoder: unknown keyword ${keyword}`);
    elements.push({
      tag: entry[0],
      vr: entry[1],
      value: encodeValue(entry[1], value, littleEndian),
    });
  }
  const pixelBytes =
    encoding === 'rle'
      ? encapsulate([encodeRleFrame(words)])
      : (() => {
          const value = encodePixels(words, littleEndian);
          return writeElements(
            [{ tag: 0x7fe00010, vr: words instanceof Uint16Array ? 'OW' : 'OB', value }],
            littleEndian,
            explicit,
          );
        })();
  const body = concat([writeElements(elements, littleEndian, explicit), pixelBytes]);
  if (encoding === 'implicit-le-bare') return body;
  const header = part10Header(
    String(dataset['SOPClassUID']),
    String(dataset['SOPInstanceUID']),
    TRANSFER_SYNTAX[encoding],
  );
  return concat([header, body]);
}

/** PackBits-encodes one byte plane: replicate runs of ≥ 3 equal bytes, literals otherwise. */
function packBits(plane: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < plane.length) {
    let run = 1;
    while (i + run < plane.length && run < 128 && plane[i + run] === plane[i]) run++;
    if (run >= 3) {
      out.push(257 - run, plane[i] ?? 0);
      i += run;
      continue;
    }
    const start = i;
    while (i < plane.length && i - start < 128) {
      if (i + 2 < plane.length && plane[i] === plane[i + 1] && plane[i] === plane[i + 2]) break;
      i++;
    }
    out.push(i - start - 1, ...plane.subarray(start, i));
  }
  if (out.length % 2) out.push(128); // no-op byte keeps segments even
  return out;
}

/** RLE Lossless frame (PS3.5 Annex G) of 16-bit (two planes) or 8-bit words. */
export function encodeRleFrame(words: Uint16Array | Uint8Array): Uint8Array {
  const planes: Uint8Array[] =
    words instanceof Uint16Array
      ? [Uint8Array.from(words, (w) => w >> 8), Uint8Array.from(words, (w) => w & 0xff)]
      : [Uint8Array.from(words)];
  const segments = planes.map(packBits);
  const header = new Uint32Array(16);
  header[0] = segments.length;
  let offset = 64;
  segments.forEach((segment, index) => {
    header[index + 1] = offset;
    offset += segment.length;
  });
  return concat([new Uint8Array(header.buffer), ...segments.map((s) => Uint8Array.from(s))]);
}
