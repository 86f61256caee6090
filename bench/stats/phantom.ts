/**
 * The statistics bench's data: a CT-like 512×512×300 Int16 volume (air, a body of fat, a liver,
 * noise) with five liver lesions of 8–40 mm, and their labelmap (segments 1–5, voxel centres
 * inside each ellipsoid). Deterministic and pure, so Node and the peer page build the same
 * voxels without shipping 225 MB between them.
 */
import type { VolumeGrid } from '../../plugins/liver-lesion-review/domain/quantify/types.ts';

export interface PhantomLesion {
  readonly segment: number;
  /** Centre in grid millimetres (index × spacing from voxel 0,0,0). */
  readonly centreMm: readonly [number, number, number];
  readonly radiiMm: readonly [number, number, number];
  readonly hu: number;
}

export interface Phantom {
  readonly grid: VolumeGrid;
  readonly image: Int16Array;
  readonly labels: Uint8Array;
  readonly lesions: readonly PhantomLesion[];
}

export const PHANTOM_DIMENSIONS = [512, 512, 300] as const;
export const PHANTOM_SPACING_MM = [0.78, 0.78, 1.25] as const;

export const PHANTOM_LESIONS: readonly PhantomLesion[] = [
  { segment: 1, centreMm: [130, 170, 150], radiiMm: [4, 4, 4], hu: 20 },
  { segment: 2, centreMm: [170, 230, 120], radiiMm: [7.5, 7.5, 7.5], hu: 35 },
  { segment: 3, centreMm: [120, 240, 210], radiiMm: [11, 9, 8], hu: 90 },
  { segment: 4, centreMm: [185, 165, 235], radiiMm: [15, 13, 12], hu: 45 },
  { segment: 5, centreMm: [140, 210, 180], radiiMm: [20, 17, 15], hu: 110 },
];

const BODY = { centre: [200, 200], semiAxes: [180, 140] } as const;
const LIVER = { centre: [150, 200, 190], radii: [90, 70, 80] } as const;

/** Half-width of an ellipsoid's row at (y, z) along x, or −1 when the row misses it. */
function halfWidth(
  centre: readonly number[],
  radii: readonly number[],
  y: number,
  z: number,
): number {
  const dy = (y - centre[1]!) / radii[1]!;
  const dz = (z - centre[2]!) / radii[2]!;
  const rest = 1 - dy * dy - dz * dz;
  return rest < 0 ? -1 : radii[0]! * Math.sqrt(rest);
}

export function buildPhantom(): Phantom {
  const [nx, ny, nz] = PHANTOM_DIMENSIONS;
  const [sx, sy, sz] = PHANTOM_SPACING_MM;
  const image = new Int16Array(nx * ny * nz);
  const labels = new Uint8Array(nx * ny * nz);
  let seed = 0x9e3779b9;
  // xorshift32: a fast deterministic noise source (≈ ±12 HU, triangular).
  const noise = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed & 0xff) + ((seed >>> 8) & 0xff)) / 21.25 - 12;
  };
  for (let k = 0; k < nz; k++) {
    const z = k * sz;
    for (let j = 0; j < ny; j++) {
      const y = j * sy;
      const row = (k * ny + j) * nx;
      const by = (y - BODY.centre[1]) / BODY.semiAxes[1];
      const bodyHalf = by * by <= 1 ? BODY.semiAxes[0] * Math.sqrt(1 - by * by) : -1;
      const liverHalf = halfWidth(LIVER.centre, LIVER.radii, y, z);
      for (let i = 0; i < nx; i++) {
        const x = i * sx;
        let hu = -1000;
        if (Math.abs(x - BODY.centre[0]) <= bodyHalf) hu = -100;
        if (Math.abs(x - LIVER.centre[0]) <= liverHalf) hu = 60;
        image[row + i] = Math.round(hu + noise());
      }
      for (const lesion of PHANTOM_LESIONS) {
        const half = halfWidth(lesion.centreMm, lesion.radiiMm, y, z);
        if (half < 0) continue;
        const from = Math.max(0, Math.ceil((lesion.centreMm[0] - half) / sx));
        const to = Math.min(nx - 1, Math.floor((lesion.centreMm[0] + half) / sx));
        for (let i = from; i <= to; i++) {
          labels[row + i] = lesion.segment;
          image[row + i] = Math.round(lesion.hu + noise());
        }
      }
    }
  }
  const grid: VolumeGrid = {
    dimensions: PHANTOM_DIMENSIONS,
    spacingMm: PHANTOM_SPACING_MM,
    originMm: [-200, -200, -375],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  return { grid, image, labels, lesions: PHANTOM_LESIONS };
}
