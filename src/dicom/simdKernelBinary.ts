/**
 * Hand-assembled WebAssembly module (SIMD128, about 2 KB) of 16 kernel variants with the
 * signature (ptr, vectors, shl, shr, add) → (). For each 8 × i16 vector at ptr:
 *   [byte-swap], [v = (v << shl) >> shr, signed or unsigned], track lane-wise min/max of v
 *   (signed or unsigned) in memory[0..16) / [16..32), store [v + add].
 * Steps in brackets exist only in the variants that need them (see `kernelIndex`): the
 * common signed 16-bit CT without rescale is a plain load/min/max/store loop.
 * Written as bytes because the project has no wasm toolchain; the JS twin in
 * `convertFramePixels` is the specification and the tests compare the two.
 */

const I32 = 0x7f;
const V128 = 0x7b;
const SIMD = 0xfd;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;

// SIMD opcodes (WebAssembly 2.0 §5.4.8); those ≥ 0x80 are two-byte LEB128.
const V128_LOAD = [SIMD, 0x00, 0x04, 0x00]; // align 2^4, offset 0
const V128_STORE = [SIMD, 0x0b, 0x04, 0x00];
const V128_OR = [SIMD, 0x50];
const I16X8_SPLAT = [SIMD, 0x10];
const I16X8_SHL = [SIMD, 0x8b, 0x01];
const I16X8_SHR_S = [SIMD, 0x8c, 0x01];
const I16X8_SHR_U = [SIMD, 0x8d, 0x01];
const I16X8_ADD = [SIMD, 0x8e, 0x01];
const I16X8_MIN_S = [SIMD, 0x96, 0x01];
const I16X8_MIN_U = [SIMD, 0x97, 0x01];
const I16X8_MAX_S = [SIMD, 0x98, 0x01];
const I16X8_MAX_U = [SIMD, 0x99, 0x01];

// Parameters and locals of every kernel.
const PTR = 0;
const VECTORS = 1;
const SHL = 2;
const SHR = 3;
const ADD = 4;
const END = 5;
const MIN = 6;
const MAX = 7;
const OFFSET = 8;
const VALUE = 9;

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

export interface KernelVariant {
  signed: boolean;
  swap: boolean;
  normalize: boolean;
  add: boolean;
}

/** Export index of a variant: bit 0 signed, bit 1 swap, bit 2 normalize, bit 3 add. */
export function kernelIndex(v: KernelVariant): number {
  return (v.signed ? 1 : 0) | (v.swap ? 2 : 0) | (v.normalize ? 4 : 0) | (v.add ? 8 : 0);
}

function kernelBody({ signed, swap, normalize, add }: KernelVariant): number[] {
  // prettier-ignore
  const code = [
    // locals: end (i32); min, max, offset, value (v128)
    0x02, 0x01, I32, 0x04, V128,
    // end = ptr + vectors * 16
    LOCAL_GET, PTR, LOCAL_GET, VECTORS, I32_CONST, 16, 0x6c, 0x6a, LOCAL_SET, END,
    // min = load(0); max = load(16)
    I32_CONST, 0, ...V128_LOAD, LOCAL_SET, MIN,
    I32_CONST, 16, ...V128_LOAD, LOCAL_SET, MAX,
    // offset = splat(add)
    LOCAL_GET, ADD, ...I16X8_SPLAT, LOCAL_SET, OFFSET,
    0x02, 0x40, // block
    0x03, 0x40, // loop
    LOCAL_GET, PTR, LOCAL_GET, END, 0x4f, 0x0d, 0x01, // br_if (ptr >= end) out of the block
    LOCAL_GET, PTR, // store address, consumed by v128.store below
    LOCAL_GET, PTR, ...V128_LOAD,
    ...(swap
      ? [LOCAL_TEE, VALUE, I32_CONST, 8, ...I16X8_SHL, LOCAL_GET, VALUE, I32_CONST, 8, ...I16X8_SHR_U, ...V128_OR]
      : []),
    ...(normalize
      ? [LOCAL_GET, SHL, ...I16X8_SHL, LOCAL_GET, SHR, ...(signed ? I16X8_SHR_S : I16X8_SHR_U)]
      : []),
    LOCAL_TEE, VALUE,
    LOCAL_GET, MIN, ...(signed ? I16X8_MIN_S : I16X8_MIN_U), LOCAL_SET, MIN,
    LOCAL_GET, VALUE, LOCAL_GET, MAX, ...(signed ? I16X8_MAX_S : I16X8_MAX_U), LOCAL_SET, MAX,
    LOCAL_GET, VALUE, ...(add ? [LOCAL_GET, OFFSET, ...I16X8_ADD] : []),
    ...V128_STORE,
    LOCAL_GET, PTR, I32_CONST, 16, 0x6a, LOCAL_SET, PTR, // ptr += 16
    0x0c, 0x00, // br loop
    0x0b, // end loop
    0x0b, // end block
    I32_CONST, 0, LOCAL_GET, MIN, ...V128_STORE,
    I32_CONST, 16, LOCAL_GET, MAX, ...V128_STORE,
    0x0b, // end function
  ];
  return [...uleb(code.length), ...code];
}

/** Memory pages (64 KiB) the module declares: scratch for one 128 KiB chunk plus bookkeeping. */
export const KERNEL_MEMORY_PAGES = 3;

const VARIANTS: KernelVariant[] = Array.from({ length: 16 }, (_, index) => ({
  signed: (index & 1) !== 0,
  swap: (index & 2) !== 0,
  normalize: (index & 4) !== 0,
  add: (index & 8) !== 0,
}));

/** Export name of kernel variant `index`. */
export function kernelName(index: number): string {
  return `k${index}`;
}

export function buildSimdKernelBinary(): Uint8Array<ArrayBuffer> {
  const type = section(1, [0x01, 0x60, 0x05, I32, I32, I32, I32, I32, 0x00]);
  const functions = section(3, [VARIANTS.length, ...VARIANTS.map(() => 0x00)]);
  const memory = section(5, [0x01, 0x00, KERNEL_MEMORY_PAGES]);
  // prettier-ignore
  const exports = section(7, [
    VARIANTS.length + 1,
    ...name('memory'), 0x02, 0x00,
    ...VARIANTS.flatMap((_, index) => [...name(kernelName(index)), 0x00, index]),
  ]);
  const code = section(10, [VARIANTS.length, ...VARIANTS.flatMap((v) => kernelBody(v))]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...type,
    ...functions,
    ...memory,
    ...exports,
    ...code,
  ]);
}
