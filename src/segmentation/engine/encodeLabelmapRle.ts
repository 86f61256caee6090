import { RLE_HEADER_BYTES, RLE_MAGIC, RLE_MAX_VARINT_BYTES } from './rleFormat.ts';
import { isEmptyWord, wordView } from './wordView.ts';

/**
 * Run-length encodes labelmap voxels for autosave (format in rleFormat.ts). Labelmaps are mostly
 * long runs of 0, so a 512×512×300 volume with a few lesions encodes to a few KB.
 */
export function encodeLabelmapRle(data: Uint8Array): Uint8Array {
  const n = data.length;
  let out = new Uint8Array(Math.max(64, Math.min(n * 2, 1 << 16)) + RLE_HEADER_BYTES);
  out.set(RLE_MAGIC, 0);
  new DataView(out.buffer).setUint32(4, n, true);
  let o = RLE_HEADER_BYTES;
  const words = wordView(data);
  const wordCount = words ? words.length : 0;
  let p = 0;
  while (p < n) {
    const value = data[p] ?? 0;
    let q = p + 1;
    if (value === 0 && words) {
      // Empty runs are most of the volume: reach a word boundary, then skip 8 voxels at a time.
      while (q < n && (q & 7) !== 0 && data[q] === 0) q++;
      if ((q & 7) === 0) {
        let w = q >> 3;
        while (w < wordCount && isEmptyWord(words[w])) w++;
        q = w << 3;
      }
    }
    while (q < n && data[q] === value) q++;
    if (o + 1 + RLE_MAX_VARINT_BYTES > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[o++] = value;
    let run = q - p;
    while (run >= 0x80) {
      out[o++] = (run & 0x7f) | 0x80;
      run >>>= 7;
    }
    out[o++] = run;
    p = q;
  }
  return out.slice(0, o);
}
