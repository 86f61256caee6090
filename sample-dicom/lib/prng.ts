/**
 * Deterministic pseudo-random numbers for the sample generator. Nothing here reads the clock or
 * the platform's random source: the same seed gives the same sequence on every machine
 * (32-bit integer maths).
 */

/** Mixes any number of 32-bit integers into one well-scrambled 32-bit seed (murmur3 finaliser). */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for phantom noise. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TABLE_BITS = 16;
let gaussTable: Float32Array | undefined;

/**
 * 65 536 standard-normal samples (Box–Muller from a fixed seed), shared by every series. Noise is
 * drawn by indexing this table with a per-slice xorshift stream: one integer step per voxel,
 * which is what keeps a 512×512×300 series fast.
 */
export function gaussianTable(): Float32Array {
  if (gaussTable) return gaussTable;
  const n = 1 << TABLE_BITS;
  const table = new Float32Array(n);
  const rnd = mulberry32(0x5eed0004);
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - rnd(); // (0, 1]
    const u2 = rnd();
    const r = Math.sqrt(-2 * Math.log(u1));
    table[i] = r * Math.cos(2 * Math.PI * u2);
    table[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  // Normalise to exactly zero mean and unit variance so the documented sigma is the real one.
  let mean = 0;
  for (let i = 0; i < n; i++) mean += table[i] ?? 0;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const d = (table[i] ?? 0) - mean;
    variance += d * d;
  }
  const scale = 1 / Math.sqrt(variance / n);
  for (let i = 0; i < n; i++) table[i] = ((table[i] ?? 0) - mean) * scale;
  gaussTable = table;
  return table;
}

/**
 * Adds N(0, sigma²) noise to `values` in place, deterministically from `seed`
 * (xorshift32 picks table entries).
 */
export function addGaussianNoise(values: Float32Array, sigma: number, seed: number): void {
  if (sigma <= 0) return;
  const table = gaussianTable();
  let x = seed >>> 0 || 0x1234567;
  const shift = 32 - TABLE_BITS;
  for (let i = 0; i < values.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    values[i] = (values[i] as number) + sigma * (table[(x >>> 0) >>> shift] as number);
  }
}
