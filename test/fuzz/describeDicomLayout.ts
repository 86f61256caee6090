/**
 * Where each element of a seed file sits (header, VR, length field, value), read once with
 * dicom-parser so the mutators can aim at element headers, lengths and VRs instead of flipping
 * bytes blindly. Seeds dicom-parser cannot read get no layout (byte-level mutations only).
 */
import type { DataSet, Element } from 'dicom-parser';
import { EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../../src/dicom/index.ts';
import { readDataSet } from '../../src/dicom/readDataSet.ts';

// VRs dicom-parser reads with a 2-byte reserved field and a 32-bit length (its own list).
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN']);

export interface ElementLayout {
  tag: number;
  /** Two-letter VR for explicit encodings; null when implicit or for items. */
  vr: string | null;
  /** First byte of the tag. */
  headerOffset: number;
  lengthOffset: number;
  lengthSize: 2 | 4;
  dataOffset: number;
  /** Value length as parsed (for undefined lengths, what dicom-parser measured). */
  length: number;
  littleEndian: boolean;
  isItem: boolean;
  /** Sequence nesting of the element (0 = top level). */
  depth: number;
}

export interface DicomLayout {
  transferSyntaxUid: string;
  littleEndian: boolean;
  explicit: boolean;
  hasPart10Header: boolean;
  /** First byte after the File Meta group (0 for bare datasets). */
  dataSetStart: number;
  elements: ElementLayout[];
  pixelData: {
    headerOffset: number;
    dataOffset: number;
    length: number;
    /** Absolute positions of encapsulated fragments (empty for native data). */
    fragments: { position: number; length: number }[];
  } | null;
}

function tagNumber(tag: string): number {
  return parseInt(tag.slice(1), 16);
}

function readTagAt(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  if (at < 0 || at + 4 > bytes.length) return -1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint16(at, littleEndian) * 0x10000 + view.getUint16(at + 2, littleEndian);
}

/** The layout of a parseable seed, or null when dicom-parser rejects it. */
export function describeDicomLayout(bytes: Uint8Array): DicomLayout | null {
  let dataSet: DataSet;
  let transferSyntaxUid: string;
  let hasPart10Header: boolean;
  try {
    ({ dataSet, transferSyntaxUid, hasPart10Header } = readDataSet(bytes));
  } catch {
    return null;
  }
  const littleEndian = transferSyntaxUid !== EXPLICIT_VR_BIG_ENDIAN;
  const explicit = transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN;
  const elements: ElementLayout[] = [];
  let dataSetStart = 0;

  const visit = (element: Element, depth: number): void => {
    const tag = tagNumber(element.tag);
    const inMeta = depth === 0 && hasPart10Header && tag >>> 16 === 0x0002;
    const le = inMeta ? true : littleEndian;
    let entry: ElementLayout;
    if (element.vr !== undefined && (inMeta || explicit)) {
      const lengthSize = LONG_LENGTH_VRS.has(element.vr) ? 4 : 2;
      const headerOffset = element.dataOffset - (lengthSize === 4 ? 12 : 8);
      entry = {
        tag,
        vr: element.vr,
        headerOffset,
        lengthOffset: headerOffset + (lengthSize === 4 ? 8 : 6),
        lengthSize,
        dataOffset: element.dataOffset,
        length: element.length,
        littleEndian: le,
        isItem: false,
        depth,
      };
    } else {
      const headerOffset = element.dataOffset - 8;
      entry = {
        tag,
        vr: null,
        headerOffset,
        lengthOffset: headerOffset + 4,
        lengthSize: 4,
        dataOffset: element.dataOffset,
        length: element.length,
        littleEndian: le,
        isItem: false,
        depth,
      };
    }
    if (readTagAt(bytes, entry.headerOffset, le) !== tag) return;
    elements.push(entry);
    if (inMeta) dataSetStart = Math.max(dataSetStart, element.dataOffset + element.length);
    for (const item of element.items ?? []) {
      const headerOffset = item.dataOffset - 8;
      if (readTagAt(bytes, headerOffset, le) !== 0xfffee000) continue;
      elements.push({
        tag: 0xfffee000,
        vr: null,
        headerOffset,
        lengthOffset: headerOffset + 4,
        lengthSize: 4,
        dataOffset: item.dataOffset,
        length: item.length,
        littleEndian: le,
        isItem: true,
        depth: depth + 1,
      });
      for (const child of Object.values(item.dataSet?.elements ?? {})) visit(child, depth + 1);
    }
  };
  for (const element of Object.values(dataSet.elements)) visit(element, 0);
  elements.sort((a, b) => a.headerOffset - b.headerOffset);

  const pixel = elements.find((e) => e.tag === 0x7fe00010 && e.depth === 0);
  const pixelElement = dataSet.elements['x7fe00010'];
  return {
    transferSyntaxUid,
    littleEndian,
    explicit,
    hasPart10Header,
    dataSetStart: hasPart10Header ? dataSetStart : 0,
    elements,
    pixelData:
      pixel && pixelElement
        ? {
            headerOffset: pixel.headerOffset,
            dataOffset: pixel.dataOffset,
            length: pixel.length,
            fragments: (pixelElement.fragments ?? []).map((f) => ({
              position: f.position,
              length: f.length,
            })),
          }
        : null,
  };
}
