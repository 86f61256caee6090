import { IngestFailure } from './toIngestError.ts';

/**
 * Deepest sequence nesting we parse. fo-dicom caps at 256 and pydicom at 100; real objects
 * stay far below (enhanced multi-frame ≈ 3, SR trees rarely past 10). dicom-parser recurses
 * once per level and overflows the stack near 2,000 levels.
 */
export const MAX_SEQUENCE_DEPTH = 256;

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;
const PIXEL_DATA = 0x7fe00010;
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const vrCode = (vr: string): number => (vr.charCodeAt(0) << 8) | vr.charCodeAt(1);
const SQ = vrCode('SQ');
const UN = vrCode('UN');
// VRs dicom-parser 1.8 reads with a 32-bit length (its list, not PS3.5's: OV, SV, UV missing),
// as two-byte codes: a VR with a NUL byte (dicom-parser's string stops there) matches none.
const LONG_LENGTH_VRS = new Set(
  ['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN'].map(vrCode),
);

/** An element whose declared value runs past the end of the file. */
export interface Overrun {
  tag: number;
  dataOffset: number;
  length: number;
}

/** "element (0010,0010) at byte 340 declares … bytes but the file ends after … bytes". */
export function describeOverrun(overrun: Overrun, fileLength: number): string {
  const hex = overrun.tag.toString(16).toUpperCase().padStart(8, '0');
  return (
    `element (${hex.slice(0, 4)},${hex.slice(4)}) at byte ${overrun.dataOffset} declares ` +
    `${overrun.length} bytes but the file ends after ${fileLength} bytes`
  );
}

export interface HeaderScan {
  /** Where the walk met bytes dicom-parser will refuse (null: the file walked cleanly). */
  stoppedAt: number | null;
  /** The first non-sequence value that runs past the end of the file, if any. */
  overrun: Overrun | null;
}

/** The scan met bytes dicom-parser itself rejects (at `offset`): it will report them, not us. */
class StopScan {
  constructor(readonly offset: number) {}
}

type Mode = 'explicit' | 'implicit';

interface DataSetFrame {
  kind: 'dataset';
  mode: Mode;
  /** End of a defined-length item or of the file; null for an item closed by a delimiter. */
  end: number | null;
  /** The File Meta group: stops before the first element past group 0002. */
  meta: boolean;
  depth: number;
  /** The element just read (−1: none), settled once its sequence, if any, has been read. */
  pendingTag: number;
  pendingStart: number;
  pendingDataOffset: number;
  /** Value length as dicom-parser records it (measured for undefined lengths). */
  pendingLength: number;
  /** Meta only: value range of (0002,0010) TransferSyntaxUID. */
  transferSyntax: { offset: number; length: number } | null;
}

interface SequenceFrame {
  kind: 'sequence';
  mode: Mode;
  /** First byte of the sequence element (the offset reported when it is too deep). */
  start: number;
  dataOffset: number;
  /** End of a defined-length sequence; null when closed by a delimiter. */
  end: number | null;
  depth: number;
}

type Frame = DataSetFrame | SequenceFrame;

function dataSetFrame(mode: Mode, end: number | null, depth: number, meta = false): DataSetFrame {
  return {
    kind: 'dataset',
    mode,
    end,
    meta,
    depth,
    pendingTag: -1,
    pendingStart: 0,
    pendingDataOffset: 0,
    pendingLength: 0,
    transferSyntax: null,
  };
}

class Reader {
  readonly view: DataView;
  pos: number;
  overrun: Overrun | null = null;
  constructor(
    readonly bytes: Uint8Array,
    public littleEndian: boolean,
    start: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }
  get length(): number {
    return this.bytes.length;
  }
  u16(): number {
    if (this.pos < 0 || this.pos + 2 > this.length) throw new StopScan(this.pos);
    const value = this.view.getUint16(this.pos, this.littleEndian);
    this.pos += 2;
    return value;
  }
  u32(): number {
    if (this.pos < 0 || this.pos + 4 > this.length) throw new StopScan(this.pos);
    const value = this.view.getUint32(this.pos, this.littleEndian);
    this.pos += 4;
    return value;
  }
  tag(): number {
    return this.u16() * 0x10000 + this.u16();
  }
  /** The two VR bytes as one code. */
  vr(): number {
    if (this.pos + 2 > this.length) throw new StopScan(this.pos);
    const code = ((this.bytes[this.pos] ?? 0) << 8) | (this.bytes[this.pos + 1] ?? 0);
    this.pos += 2;
    return code;
  }
  /** Skips a defined-length value, remembering the first one that runs past the end. */
  skipValue(tag: number, length: number): void {
    if (this.pos + length > this.length && this.overrun === null)
      this.overrun = { tag, dataOffset: this.pos, length };
    this.pos += length;
  }
  /** dicom-parser's readFixedString: stops at the first NUL. */
  text(length: number): string {
    if (this.pos + length > this.length) throw new StopScan(this.pos);
    let out = '';
    for (let i = 0; i < length; i++) {
      const c = this.bytes[this.pos + i] ?? 0;
      if (c === 0) break;
      out += String.fromCharCode(c);
    }
    this.pos += length;
    return out;
  }
}

/** dicom-parser's scan for the item delimitation of an undefined-length non-sequence value. */
function skipToItemDelimitation(r: Reader): void {
  const max = r.length - 8;
  while (r.pos <= max) {
    if (r.u16() !== 0xfffe) continue;
    if (r.u16() !== 0xe00d) continue;
    // A non-zero length here makes dicom-parser call its warnings array and throw.
    if (r.u32() !== 0) throw new StopScan(r.pos - 8);
    return;
  }
  r.pos = r.length;
}

/** dicom-parser's walk over encapsulated pixel data (Basic Offset Table, then fragments). */
function skipEncapsulatedPixelData(r: Reader): void {
  if (r.tag() !== ITEM) throw new StopScan(r.pos - 4);
  const offsets = Math.ceil(r.u32() / 4);
  if (r.pos + offsets * 4 > r.length) throw new StopScan(r.pos - 8);
  r.pos += offsets * 4;
  while (r.pos < r.length) {
    const tag = r.tag();
    let length = r.u32();
    if (tag === SEQUENCE_DELIMITATION) {
      r.pos += length;
      return;
    }
    if (tag !== ITEM) {
      length = Math.min(length, r.length - r.pos);
      r.pos += length;
      return;
    }
    r.pos += length;
  }
}

function sequenceTooDeep(depth: number, offset: number): IngestFailure {
  return new IngestFailure(
    'SEQUENCE_TOO_DEEP',
    `sequence nesting exceeds ${MAX_SEQUENCE_DEPTH} levels (level ${depth} starts at byte ${offset})`,
    offset,
  );
}

/**
 * Reads one element header at r.pos the way dicom-parser does and skips its value; returns the
 * sequence frame to enter when the value is a sequence. The frame's pending* fields describe
 * the element.
 */
function readElement(r: Reader, frame: DataSetFrame): SequenceFrame | null {
  const start = r.pos;
  const tag = r.tag();
  let vr = -1;
  let length: number;
  if (frame.mode === 'explicit') {
    vr = r.vr();
    if (LONG_LENGTH_VRS.has(vr)) {
      r.pos += 2;
      length = r.u32();
    } else {
      length = r.u16();
    }
  } else {
    length = r.u32();
  }
  const dataOffset = r.pos;
  const undefinedLength = length === UNDEFINED_LENGTH;
  frame.pendingTag = tag;
  frame.pendingStart = start;
  frame.pendingDataOffset = dataOffset;
  frame.pendingLength = length;
  let isSequence: boolean;
  let sequenceMode: Mode = frame.mode;
  if (frame.mode === 'explicit') {
    // An undefined-length UN is read as an implicit VR sequence (dicom-parser, as PS3.5 6.2.2).
    isSequence = vr === SQ || (undefinedLength && vr === UN && tag !== PIXEL_DATA);
    if (vr !== SQ) sequenceMode = 'implicit';
  } else {
    // Implicit VR: a sequence is recognised by the item (or delimiter) tag that follows.
    const next =
      r.pos + 4 <= r.length
        ? r.view.getUint16(r.pos, r.littleEndian) * 0x10000 +
          r.view.getUint16(r.pos + 2, r.littleEndian)
        : -1;
    const isPrivate = (tag >>> 16) % 2 === 1;
    isSequence =
      (next === ITEM || next === SEQUENCE_DELIMITATION) && (!isPrivate || undefinedLength);
  }
  if (isSequence) {
    return {
      kind: 'sequence',
      mode: sequenceMode,
      start,
      dataOffset,
      end: undefinedLength ? null : dataOffset + length,
      depth: frame.depth + 1,
    };
  }
  if (undefinedLength) {
    if (frame.mode === 'explicit' && tag === PIXEL_DATA) skipEncapsulatedPixelData(r);
    else skipToItemDelimitation(r);
    frame.pendingLength = Math.min(r.pos, r.length) - dataOffset;
  } else {
    r.skipValue(tag, length);
  }
  return null;
}

/**
 * Reads an item header inside `sequence`: the data set frame of its elements. The depth is
 * checked here, where dicom-parser would recurse, so an empty sequence (or an implicit item
 * delimiter it mistakes for one) never counts.
 */
function enterItem(r: Reader, sequence: SequenceFrame): DataSetFrame {
  if (sequence.depth > MAX_SEQUENCE_DEPTH) throw sequenceTooDeep(sequence.depth, sequence.start);
  const start = r.pos;
  if (r.tag() !== ITEM) throw new StopScan(start);
  const length = r.u32();
  if (length === UNDEFINED_LENGTH) return dataSetFrame(sequence.mode, null, sequence.depth);
  const end = r.pos + length;
  // dicom-parser refuses an item that ends past the file (its maxPosition check).
  if (end > r.length) throw new StopScan(start);
  return dataSetFrame(sequence.mode, end, sequence.depth);
}

/**
 * Runs the frame machine until `root` returns (a data set read to its end, or the File Meta
 * group read up to the first element of another group). Throws SEQUENCE_TOO_DEEP or StopScan.
 */
function scan(r: Reader, root: DataSetFrame): void {
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.kind === 'sequence') {
      let done = false;
      if (frame.end === null) {
        if (r.pos + 4 > r.length) {
          done = true;
        } else {
          const next =
            r.view.getUint16(r.pos, r.littleEndian) * 0x10000 +
            r.view.getUint16(r.pos + 2, r.littleEndian);
          if (next === SEQUENCE_DELIMITATION) {
            done = true;
            const parent = stack[stack.length - 2];
            if (parent?.kind === 'dataset') parent.pendingLength = r.pos - frame.dataOffset;
            r.pos += 8;
          }
        }
      } else {
        done = r.pos >= frame.end;
      }
      if (done) stack.pop();
      else stack.push(enterItem(r, frame));
      continue;
    }
    // A data set: first settle the element read last (its sequence, if any, is complete).
    const tag = frame.pendingTag;
    if (tag >= 0) {
      frame.pendingTag = -1;
      if (frame.meta) {
        if (tag > 0x0002ffff) {
          r.pos = frame.pendingStart;
          stack.pop();
          continue;
        }
        if (tag === 0x00020010)
          frame.transferSyntax = { offset: frame.pendingDataOffset, length: frame.pendingLength };
      } else if (frame.end === null && tag === ITEM_DELIMITATION) {
        stack.pop();
        continue;
      }
    }
    const limit = frame.end ?? r.length;
    if (r.pos >= limit) {
      // dicom-parser throws when an explicit item's elements overrun its length.
      if (frame.mode === 'explicit' && frame.end !== null && r.pos > frame.end)
        throw new StopScan(frame.end);
      stack.pop();
      continue;
    }
    const sequence = readElement(r, frame);
    if (sequence) stack.push(sequence);
  }
}

/** A stop past the end of the file is blamed on the value that ran past it. */
function stopped(bytes: Uint8Array, offset: number, overrun: Overrun | null): HeaderScan {
  const inside = offset > bytes.length && overrun ? overrun.dataOffset : offset;
  return { stoppedAt: Math.max(0, Math.min(inside, bytes.length)), overrun };
}

/**
 * Walks the element headers of a DICOM file the way dicom-parser 1.8 will, without recursion,
 * and throws SEQUENCE_TOO_DEEP (with the byte offset of the first sequence past the cap) before
 * dicom-parser can recurse into it. Anything else odd is left for dicom-parser to report; the
 * scan says where the walk met it (dicom-parser's messages mostly have no position) and which
 * value, if any, runs past the end of the file (dicom-parser accepts that in implicit VR).
 * `bareTransferSyntaxUid` is the syntax guessed for a file without the Part 10 header (null
 * for a Part 10 file, whose File Meta group names it).
 */
export function scanDataSetHeaders(
  bytes: Uint8Array,
  bareTransferSyntaxUid: string | null,
): HeaderScan {
  let r: Reader | null = null;
  try {
    let uid = bareTransferSyntaxUid;
    let start = 0;
    if (uid === null) {
      r = new Reader(bytes, true, 132);
      const meta = dataSetFrame('explicit', null, 0, true);
      scan(r, meta);
      start = r.pos;
      // The meta walk reads the first data set element too (as explicit little endian, then
      // rewinds, as dicom-parser does): an overrun found there is not one.
      if (r.overrun && r.overrun.dataOffset >= start) r.overrun = null;
      const ts = meta.transferSyntax;
      // Without (0002,0010) dicom-parser refuses the file itself (sometimes because an
      // overrunning meta element swallowed it).
      if (!ts) return { stoppedAt: r.overrun?.dataOffset ?? null, overrun: r.overrun };
      r.pos = ts.offset;
      uid = r.text(ts.length);
    }
    if (uid === DEFLATED) return { stoppedAt: null, overrun: null };
    // dicom-parser cannot even open a data set that starts at or past the end.
    if (start >= bytes.length) return stopped(bytes, start, r?.overrun ?? null);
    const metaOverrun = r?.overrun ?? null;
    r = new Reader(bytes, uid !== EXPLICIT_VR_BIG_ENDIAN, start);
    r.overrun = metaOverrun;
    const mode = uid === IMPLICIT_VR_LITTLE_ENDIAN ? 'implicit' : 'explicit';
    scan(r, dataSetFrame(mode, bytes.length, 0));
    return { stoppedAt: null, overrun: r.overrun };
  } catch (thrown) {
    if (thrown instanceof StopScan) return stopped(bytes, thrown.offset, r?.overrun ?? null);
    throw thrown;
  }
}
