import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { parseInstance } from '../parseInstance.ts';
import { MAX_SEQUENCE_DEPTH, scanDataSetHeaders } from '../scanDataSetHeaders.ts';
import { makeSlice } from './fixtures.ts';

type Encoding = 'explicit-le' | 'implicit-le' | 'explicit-be';

/**
 * `depth` nested ContentSequence (0040,A730) elements, each with one item, the innermost item
 * holding CodeValue "DEEP". Written here, independently of the code under test; every level
 * takes `levelBytes(encoding)` bytes before the innermost item's content.
 */
function nested(depth: number, encoding: Encoding, lengths: 'defined' | 'undefined'): Uint8Array {
  const explicit = encoding !== 'implicit-le';
  const le = encoding !== 'explicit-be';
  const header = levelBytes(encoding);
  const payload = 12;
  const closers = lengths === 'undefined' ? 16 * depth : 0;
  const out = new Uint8Array(depth * header + payload + closers);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number): void => {
    view.setUint16(at, v, le);
    at += 2;
  };
  const u32 = (v: number): void => {
    view.setUint32(at, v, le);
    at += 4;
  };
  for (let level = 0; level < depth; level++) {
    // Bytes inside this level's item: the deeper levels and the payload.
    const inner = (depth - level - 1) * header + payload;
    u16(0x0040);
    u16(0xa730);
    if (explicit) {
      out.set([0x53, 0x51], at); // SQ
      at += 2;
      u16(0);
    }
    u32(lengths === 'undefined' ? 0xffffffff : 8 + inner);
    u16(0xfffe);
    u16(0xe000);
    u32(lengths === 'undefined' ? 0xffffffff : inner);
  }
  u16(0x0008);
  u16(0x0100);
  if (explicit) {
    out.set([0x53, 0x48], at); // SH
    at += 2;
    u16(4);
  } else {
    u32(4);
  }
  out.set([0x44, 0x45, 0x45, 0x50], at); // DEEP
  at += 4;
  for (let level = 0; lengths === 'undefined' && level < depth; level++) {
    for (const element of [0xe00d, 0xe0dd]) {
      u16(0xfffe);
      u16(element);
      u32(0);
    }
  }
  return out;
}

function levelBytes(encoding: Encoding): number {
  return encoding === 'implicit-le' ? 16 : 20;
}

function withNesting(depth: number, encoding: Encoding, lengths: 'defined' | 'undefined') {
  const base = makeSlice({ encoding, rows: 4, columns: 4 }).bytes;
  const tail = nested(depth, encoding, lengths);
  const bytes = new Uint8Array(base.length + tail.length);
  bytes.set(base);
  bytes.set(tail, base.length);
  return { bytes, insertedAt: base.length };
}

/** Follows item 0 of ContentSequence `depth` times, without recursion. */
function innermostCodeValue(dataSet: DataSet, depth: number): string | undefined {
  let current: DataSet | undefined = dataSet;
  for (let level = 0; level < depth && current; level++) {
    current = current.elements['x0040a730']?.items?.[0]?.dataSet;
  }
  return current?.string('x00080100');
}

describe('scanDataSetHeaders', () => {
  const encodings: Encoding[] = ['explicit-le', 'implicit-le', 'explicit-be'];
  for (const encoding of encodings) {
    for (const lengths of ['defined', 'undefined'] as const) {
      it(`lets ${MAX_SEQUENCE_DEPTH} nested sequences through (${encoding}, ${lengths} lengths)`, () => {
        const { bytes } = withNesting(MAX_SEQUENCE_DEPTH, encoding, lengths);
        expect(scanDataSetHeaders(bytes, null)).toEqual({ stoppedAt: null, overrun: null });
        const parsed = parseInstance({ name: 'deep.dcm', bytes });
        expect(parsed.ok).toBe(true);
        // dicom-parser really parsed every level.
        const dataSet = dicomParser.parseDicom(bytes);
        expect(innermostCodeValue(dataSet, MAX_SEQUENCE_DEPTH)).toBe('DEEP');
      });

      it(`refuses ${MAX_SEQUENCE_DEPTH + 1} levels with the offset of the level past the cap (${encoding}, ${lengths})`, () => {
        const { bytes, insertedAt } = withNesting(MAX_SEQUENCE_DEPTH + 1, encoding, lengths);
        const parsed = parseInstance({ name: 'deeper.dcm', bytes });
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        expect(parsed.error.code).toBe('SEQUENCE_TOO_DEEP');
        expect(parsed.error.byteOffset).toBe(
          insertedAt + MAX_SEQUENCE_DEPTH * levelBytes(encoding),
        );
      });
    }
  }

  it('refuses 20,000 levels quickly and without a stack overflow', () => {
    for (const encoding of encodings) {
      const { bytes, insertedAt } = withNesting(20_000, encoding, 'undefined');
      const start = performance.now();
      const parsed = parseInstance({ name: 'abyss.dcm', bytes });
      expect(performance.now() - start).toBeLessThan(500);
      expect(parsed.ok ? null : parsed.error).toMatchObject({
        code: 'SEQUENCE_TOO_DEEP',
        byteOffset: insertedAt + MAX_SEQUENCE_DEPTH * levelBytes(encoding),
        file: 'abyss.dcm',
      });
    }
  });

  it('counts an undefined-length UN (read as implicit VR) and nesting inside the File Meta group', () => {
    // (0009,1010) UN, undefined length, holding implicit VR ContentSequences 256 deep below it.
    const base = makeSlice({ rows: 4, columns: 4 }).bytes;
    const inner = nested(MAX_SEQUENCE_DEPTH, 'implicit-le', 'undefined');
    const un = new Uint8Array(12 + 8 + inner.length + 16);
    const view = new DataView(un.buffer);
    view.setUint32(0, 0x10100009, true); // (0009,1010) as two little-endian words
    un.set([0x55, 0x4e, 0, 0], 4); // UN
    view.setUint32(8, 0xffffffff, true);
    view.setUint32(12, 0xe000fffe, true);
    view.setUint32(16, 0xffffffff, true);
    un.set(inner, 20);
    view.setUint32(20 + inner.length, 0xe00dfffe, true);
    view.setUint32(28 + inner.length, 0xe0ddfffe, true);
    const bytes = new Uint8Array(base.length + un.length);
    bytes.set(base);
    bytes.set(un, base.length);
    const parsed = parseInstance({ name: 'un.dcm', bytes });
    expect(parsed.ok ? null : parsed.error.code).toBe('SEQUENCE_TOO_DEEP');

    // dicom-parser's File Meta loop reads each element, sequences included, before it looks
    // at the group: nesting right after 'DICM' is parsed there, as explicit little endian.
    const deep = nested(300, 'explicit-le', 'defined');
    const meta = new Uint8Array(132 + deep.length);
    meta.set([0x44, 0x49, 0x43, 0x4d], 128);
    meta.set(deep, 132);
    const inMeta = parseInstance({ name: 'meta.dcm', bytes: meta });
    expect(inMeta.ok ? null : inMeta.error).toMatchObject({
      code: 'SEQUENCE_TOO_DEEP',
      byteOffset: 132 + MAX_SEQUENCE_DEPTH * 20,
    });
  });

  it('reports an implicit VR value longer than the file as TRUNCATED at that value', () => {
    const bytes = makeSlice({ encoding: 'implicit-le', rows: 4, columns: 4 }).bytes.slice();
    // PatientName (0010,0010): find its header and declare 0x7FFFFFF0 bytes.
    let header = -1;
    for (let i = 132; i + 8 <= bytes.length; i += 2) {
      if (bytes[i] === 0x10 && bytes[i + 1] === 0 && bytes[i + 2] === 0x10 && bytes[i + 3] === 0) {
        header = i;
        break;
      }
    }
    expect(header).toBeGreaterThan(0);
    new DataView(bytes.buffer).setUint32(header + 4, 0x7ffffff0, true);
    expect(scanDataSetHeaders(bytes, null).overrun).toEqual({
      tag: 0x00100010,
      dataOffset: header + 8,
      length: 0x7ffffff0,
    });
    const parsed = parseInstance({ name: 'long-name.dcm', bytes });
    expect(parsed.ok ? null : parsed.error).toMatchObject({
      code: 'TRUNCATED',
      byteOffset: header + 8,
    });
  });

  it('locates, inside the file, a File Meta element that runs past the end', () => {
    const bytes = makeSlice({ rows: 4, columns: 4 }).bytes.slice(0, 300);
    // (0002,0001) is OB with a 32-bit length at 132 + 12 + 8: make it swallow the file.
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(144, true)).toBe(0x0002);
    view.setUint32(152, 0x00ffffff, true);
    const parsed = parseInstance({ name: 'meta-overrun.dcm', bytes });
    // dicom-parser only says TransferSyntaxUID is missing: the walk knows why and where.
    expect(parsed.ok ? null : parsed.error).toMatchObject({
      code: 'MISSING_ATTRIBUTE',
      byteOffset: 156,
    });
    expect(parsed.ok ? '' : parsed.error.message).toMatch(/\(0002,0001\) at byte 156/);
  });
});
