/**
 * Compressed copies of real DICOM files for codec tests, made by independent encoders from
 * Debian: dcmtk (`dcmcjpeg`, `dcmcjpls`), GDCM (`gdcmconv --j2k`) and OpenJPH (`ojph_compress`,
 * whose codestream is wrapped here as one encapsulated frame).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseInstance } from '../../src/dicom/index.ts';
import { ensureDebianPackage } from './ensureDebianPackage.ts';

export const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';
export const HTJ2K = '1.2.840.10008.1.2.4.203';

export function ensureEncoders(): void {
  ensureDebianPackage('dcmcjpls', ['dcmtk']);
  ensureDebianPackage('gdcmconv', ['libgdcm-tools']);
  ensureDebianPackage('ojph_compress', ['openjph-tools']);
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'llr-codec-'));
}

/** Runs `tool args… in out` on a file and returns the output's bytes. */
export function transcode(
  tool: string,
  args: readonly string[],
  input: string,
  dir: string,
): Uint8Array {
  const out = path.join(dir, `${path.basename(input, '.dcm')}-${tool}-${args.join('')}.dcm`);
  execFileSync(tool, [...args, input, out], { stdio: 'pipe' });
  return new Uint8Array(fs.readFileSync(out));
}

const le16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number): number[] => [
  v & 0xff,
  (v >> 8) & 0xff,
  (v >> 16) & 0xff,
  (v >>> 24) & 0xff,
];

/**
 * A file's header with its TransferSyntaxUID replaced and its PixelData replaced by one
 * encapsulated frame per entry of `frames` (empty Basic Offset Table), PS3.5 A.4. The file must
 * be explicit VR little endian with PixelData as its last element.
 */
export function encapsulate(
  original: Uint8Array,
  transferSyntaxUid: string,
  frames: readonly Uint8Array[],
): Uint8Array {
  const parsed = parseInstance({ name: 'original', bytes: original });
  if (!parsed.ok || !parsed.value.pixelData) throw new Error('encapsulate: unreadable original');
  const header = original.subarray(0, parsed.value.pixelData.elementOffset);
  // Meta group: preamble (128) + "DICM", then explicit VR LE elements of group 0002.
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  let at = 132;
  const meta: number[] = [];
  let metaEnd = at;
  while (at < header.length && view.getUint16(at, true) === 0x0002) {
    const element = view.getUint16(at + 2, true);
    const vr = String.fromCharCode(header[at + 4] ?? 0, header[at + 5] ?? 0);
    const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const headerLength = long ? 12 : 8;
    const end = at + headerLength + length;
    if (element === 0x0010) {
      const value = transferSyntaxUid.length % 2 ? `${transferSyntaxUid}\0` : transferSyntaxUid;
      meta.push(0x02, 0x00, 0x10, 0x00, 0x55, 0x49, ...le16(value.length));
      for (const c of value) meta.push(c.charCodeAt(0));
    } else if (element !== 0x0000) {
      meta.push(...header.subarray(at, end));
    }
    at = end;
    metaEnd = end;
  }
  const groupLength = [0x02, 0x00, 0x00, 0x00, 0x55, 0x4c, 4, 0, ...le32(meta.length)];
  const pixel: number[] = [0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff];
  pixel.push(0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0);
  const fragments = frames.map((frame) => {
    const padded = frame.length % 2 ? new Uint8Array([...frame, 0]) : frame;
    return [new Uint8Array([0xfe, 0xff, 0x00, 0xe0, ...le32(padded.length)]), padded];
  });
  const end = new Uint8Array([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  const parts = [
    header.subarray(0, 132),
    new Uint8Array(groupLength),
    new Uint8Array(meta),
    header.subarray(metaEnd),
    new Uint8Array(pixel),
    ...fragments.flat(),
    end,
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Encodes a MONOCHROME2 frame of unsigned 16-bit stored values with OpenJPH (HTJ2K). */
export function encodeHtj2k(
  values: Uint16Array,
  size: { rows: number; columns: number; bitsStored: number },
  dir: string,
  reversible: boolean,
): Uint8Array {
  const pgm = path.join(dir, `frame-${reversible ? 'rev' : 'irr'}.pgm`);
  const j2c = pgm.replace(/\.pgm$/, '.j2c');
  const head = Buffer.from(`P5\n${size.columns} ${size.rows}\n${2 ** size.bitsStored - 1}\n`);
  const body = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => body.writeUInt16BE(v, i * 2));
  fs.writeFileSync(pgm, Buffer.concat([head, body]));
  const args = ['-i', pgm, '-o', j2c, '-reversible', String(reversible)];
  if (!reversible) args.push('-qstep', '0.001');
  execFileSync('ojph_compress', args, { stdio: 'pipe' });
  return new Uint8Array(fs.readFileSync(j2c));
}
