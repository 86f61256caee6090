import { SegmentationError } from './SegmentationError.ts';
import { buildEditTable } from './buildEditTable.ts';
import { boxSize, readBox, unionBox, validateBox } from './boxMath.ts';
import type { Box, EditOptions, EditRecord, Labelmap, Region, Stroke } from './types.ts';

// Snapshots of first-touched voxels are kept per 8×8×8 tile: copying a few small tiles per add
// keeps the cost proportional to the brush, and a dense per-voxel map would be slower.
const TILE_SHIFT = 3;
const TILE = 1 << TILE_SHIFT;
const TILE_BYTES = TILE * TILE * TILE;

/**
 * Opens one mouse stroke: many regions painted or erased as one undo step. `add` costs O(region
 * box); the record's `before` holds each voxel's value before the stroke first touched it and its
 * box is the union of the boxes `add` changed. Nothing else may write the labelmap while a
 * stroke is open (no undo mid-stroke): its snapshots would go stale.
 */
export function createStroke(labelmap: Labelmap, options: EditOptions, label: string): Stroke {
  const table = buildEditTable(labelmap, options);
  const { data, geometry } = labelmap;
  const [nx, ny, nz] = geometry.dimensions;
  const tilesX = (nx + TILE - 1) >> TILE_SHIFT;
  const tilesY = (ny + TILE - 1) >> TILE_SHIFT;
  // Tile key → offset of its snapshot in `slab`; one growing slab, not one array per tile, keeps
  // allocation (and so GC pauses) out of the brush's hot path.
  const snapshots = new Map<number, number>();
  let slab = new Uint8Array(64 * TILE_BYTES);
  let used = 0;
  let changed: Box | null = null;
  let open = true;

  /** Copies between tile (tx, ty, tz)'s in-volume voxels and its snapshot at `offset`. */
  const copyTile = (key: number, offset: number, toSnapshot: boolean): void => {
    const tx = key % tilesX;
    const ty = Math.floor(key / tilesX) % tilesY;
    const tz = Math.floor(key / (tilesX * tilesY));
    const x0 = tx << TILE_SHIFT;
    const length = Math.min(TILE, nx - x0);
    const yEnd = Math.min(TILE, ny - (ty << TILE_SHIFT));
    const zEnd = Math.min(TILE, nz - (tz << TILE_SHIFT));
    for (let z = 0; z < zEnd; z++) {
      for (let y = 0; y < yEnd; y++) {
        const at = x0 + nx * ((ty << TILE_SHIFT) + y + ny * ((tz << TILE_SHIFT) + z));
        const inSlab = offset + (z * TILE + y) * TILE;
        if (toSnapshot) for (let x = 0; x < length; x++) slab[inSlab + x] = data[at + x] ?? 0;
        else for (let x = 0; x < length; x++) data[at + x] = slab[inSlab + x] ?? 0;
      }
    }
  };

  const snapshotTiles = (box: Box): void => {
    for (let tz = box.min[2] >> TILE_SHIFT; tz <= box.max[2] >> TILE_SHIFT; tz++) {
      for (let ty = box.min[1] >> TILE_SHIFT; ty <= box.max[1] >> TILE_SHIFT; ty++) {
        for (let tx = box.min[0] >> TILE_SHIFT; tx <= box.max[0] >> TILE_SHIFT; tx++) {
          const key = tx + tilesX * (ty + tilesY * tz);
          if (snapshots.has(key)) continue;
          if (used + TILE_BYTES > slab.length) {
            const grown = new Uint8Array(slab.length * 2);
            grown.set(slab.subarray(0, used));
            slab = grown;
          }
          copyTile(key, used, true);
          snapshots.set(key, used);
          used += TILE_BYTES;
        }
      }
    }
  };

  const add = (region: Region | null): Box | null => {
    if (!open) throw new SegmentationError('STROKE_ENDED', 'the stroke has already ended');
    if (!region || !table.any) return null;
    const { box, mask } = region;
    validateBox(box, geometry);
    const [bx, by, bz] = boxSize(box);
    if (mask.length !== bx * by * bz)
      throw new SegmentationError('SIZE_MISMATCH', `region mask has ${mask.length} voxels`);
    snapshotTiles(box);
    const { editable, value, threshold } = table;
    const image = threshold?.image;
    const low = threshold?.min ?? 0;
    const high = threshold?.max ?? 0;
    let minI = Infinity;
    let maxI = -1;
    let minJ = Infinity;
    let maxJ = -1;
    let minK = Infinity;
    let maxK = -1;
    let m = 0;
    for (let z = 0; z < bz; z++) {
      const k = box.min[2] + z;
      for (let y = 0; y < by; y++) {
        const j = box.min[1] + y;
        const rowStart = box.min[0] + nx * (j + ny * k);
        let rowMin = Infinity;
        let rowMax = -1;
        for (let x = 0; x < bx; x++, m++) {
          if (mask[m] === 0) continue;
          const at = rowStart + x;
          if (editable[data[at] ?? 0] === 0) continue;
          if (image) {
            const hu = image[at] ?? NaN;
            if (!(hu >= low && hu <= high)) continue;
          }
          data[at] = value;
          if (x < rowMin) rowMin = x;
          rowMax = x;
        }
        if (rowMax < 0) continue;
        minI = Math.min(minI, rowMin);
        maxI = Math.max(maxI, rowMax);
        minJ = Math.min(minJ, j);
        maxJ = Math.max(maxJ, j);
        minK = Math.min(minK, k);
        maxK = k;
      }
    }
    if (maxI < 0) return null;
    const hit: Box = {
      min: [box.min[0] + minI, minJ, minK],
      max: [box.min[0] + maxI, maxJ, maxK],
    };
    changed = unionBox(changed, hit);
    return hit;
  };

  /** Overwrites `values` (box-sized) with the snapshotted originals of every tile in `box`. */
  const restoreSnapshotsInto = (values: Uint8Array, box: Box): void => {
    const [bx, by] = boxSize(box);
    for (let tz = box.min[2] >> TILE_SHIFT; tz <= box.max[2] >> TILE_SHIFT; tz++) {
      for (let ty = box.min[1] >> TILE_SHIFT; ty <= box.max[1] >> TILE_SHIFT; ty++) {
        for (let tx = box.min[0] >> TILE_SHIFT; tx <= box.max[0] >> TILE_SHIFT; tx++) {
          const offset = snapshots.get(tx + tilesX * (ty + tilesY * tz));
          if (offset === undefined) continue;
          const i0 = Math.max(box.min[0], tx << TILE_SHIFT);
          const i1 = Math.min(box.max[0], (tx << TILE_SHIFT) + TILE - 1);
          const j0 = Math.max(box.min[1], ty << TILE_SHIFT);
          const j1 = Math.min(box.max[1], (ty << TILE_SHIFT) + TILE - 1);
          const k0 = Math.max(box.min[2], tz << TILE_SHIFT);
          const k1 = Math.min(box.max[2], (tz << TILE_SHIFT) + TILE - 1);
          for (let k = k0; k <= k1; k++) {
            for (let j = j0; j <= j1; j++) {
              const inSlab =
                offset + ((k & (TILE - 1)) * TILE + (j & (TILE - 1))) * TILE + (i0 & (TILE - 1));
              const inBox = i0 - box.min[0] + bx * (j - box.min[1] + by * (k - box.min[2]));
              for (let x = 0; x <= i1 - i0; x++) values[inBox + x] = slab[inSlab + x] ?? 0;
            }
          }
        }
      }
    }
  };

  const end = (): EditRecord | null => {
    if (!open) return null;
    open = false;
    const box = changed;
    if (!box) {
      snapshots.clear();
      slab = new Uint8Array(0);
      return null;
    }
    const after = readBox(data, geometry, box);
    // Voxels outside every snapshot were never touched, so their current value is the original.
    const before = after.slice();
    restoreSnapshotsInto(before, box);
    let changedVoxels = 0;
    for (let q = 0; q < after.length; q++) if (after[q] !== before[q]) changedVoxels++;
    snapshots.clear();
    slab = new Uint8Array(0);
    if (changedVoxels === 0) return null;
    return { box, before, after, changedVoxels, label };
  };

  const cancel = (): Box | null => {
    if (!open) return null;
    open = false;
    for (const [key, offset] of snapshots) copyTile(key, offset, false);
    snapshots.clear();
    slab = new Uint8Array(0);
    return changed;
  };

  return { add, end, cancel };
}
