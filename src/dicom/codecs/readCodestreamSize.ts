import { IngestFailure } from '../toIngestError.ts';

export interface CodestreamSize {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** Bits per sample as the codestream declares them. */
  readonly precision: number;
}

const readU16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const readU32 = (b: Uint8Array, at: number): number => readU16(b, at) * 65536 + readU16(b, at + 2);

/**
 * The frame size a JPEG (ITU T.81) or JPEG-LS (T.87) codestream declares in its SOF segment.
 * Markers are walked from SOI to the first SOF; null when there is none before SOS.
 */
function readJpegSize(bytes: Uint8Array): CodestreamSize | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    const length = readU16(bytes, at + 2);
    if (length < 2) return null;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC); SOF55 (F7) is JPEG-LS.
    const isSof =
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7;
    if (isSof) {
      if (at + 10 > bytes.length) return null;
      return {
        precision: bytes[at + 4] ?? 0,
        height: readU16(bytes, at + 5),
        width: readU16(bytes, at + 7),
        components: bytes[at + 9] ?? 0,
      };
    }
    at += 2 + length;
  }
  return null;
}

/**
 * The image size a JPEG 2000 / HTJ2K codestream (ISO 15444-1 A.5.1, SIZ) declares. Some
 * writers wrap the codestream in a JP2 file: the SOC + SIZ pair is then looked for inside it.
 */
function readJ2kSize(bytes: Uint8Array): CodestreamSize | null {
  let at = -1;
  const limit = Math.min(bytes.length - 4, 4096);
  for (let i = 0; i <= limit; i++) {
    if (
      bytes[i] === 0xff &&
      bytes[i + 1] === 0x4f &&
      bytes[i + 2] === 0xff &&
      bytes[i + 3] === 0x51
    ) {
      at = i + 2;
      break;
    }
  }
  if (at < 0 || at + 42 > bytes.length) return null;
  const xsiz = readU32(bytes, at + 6);
  const ysiz = readU32(bytes, at + 10);
  const xosiz = readU32(bytes, at + 14);
  const yosiz = readU32(bytes, at + 18);
  const components = readU16(bytes, at + 38);
  // Ssiz of the first component: bit depth − 1 in the low 7 bits.
  const ssiz = bytes[at + 40] ?? 0;
  return {
    width: xsiz - xosiz,
    height: ysiz - yosiz,
    components,
    precision: (ssiz & 0x7f) + 1,
  };
}

export type CodestreamKind = 'jpeg' | 'j2k';

/**
 * Checks, before a codec sees them, that a frame's codestream declares the size the DICOM header
 * gives: a corrupt header claiming a huge image would otherwise make the codec allocate and
 * grind for seconds before failing. Throws DECODE_FAILED naming both sizes.
 */
export function checkCodestreamSize(
  kind: CodestreamKind,
  bytes: Uint8Array,
  expected: { rows: number; columns: number; samplesPerPixel: number; bitsAllocated: number },
  label: string,
): void {
  const size = kind === 'jpeg' ? readJpegSize(bytes) : readJ2kSize(bytes);
  if (!size) {
    throw new IngestFailure('DECODE_FAILED', `${label}: no frame header found in the codestream`);
  }
  if (
    size.width !== expected.columns ||
    size.height !== expected.rows ||
    size.components !== expected.samplesPerPixel
  ) {
    throw new IngestFailure(
      'DECODE_FAILED',
      `${label}: the codestream declares ${size.width}×${size.height}×${size.components}, the header ${expected.columns}×${expected.rows}×${expected.samplesPerPixel}`,
    );
  }
  if (size.precision < 1 || size.precision > expected.bitsAllocated) {
    throw new IngestFailure(
      'DECODE_FAILED',
      `${label}: the codestream declares ${size.precision}-bit samples, BitsAllocated is ${expected.bitsAllocated}`,
    );
  }
}

/**
 * A JPEG / JPEG-LS codestream that ends in its EOI marker (FFD9), allowing the one 0x00 a
 * DICOM fragment is padded with. A corrupt or cut frame without it gets one appended (a copy):
 * CharLS otherwise searches for the next marker again and again and spends seconds on one
 * small corrupt frame before failing.
 */
export function withEndOfImage(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const endsWithEoi = (at: number): boolean => bytes[at - 2] === 0xff && bytes[at - 1] === 0xd9;
  if (endsWithEoi(n) || (bytes[n - 1] === 0 && endsWithEoi(n - 1))) return bytes;
  const out = new Uint8Array(n + 2);
  out.set(bytes);
  out[n] = 0xff;
  out[n + 1] = 0xd9;
  return out;
}
