import { SegmentationError } from './SegmentationError.ts';
import { buildEditTable } from './buildEditTable.ts';
import { boxSize, readBox, unionBox, validateBox } from './boxMath.ts';
import type { Box, EditOptions, EditRecord, Labelmap, Region, Stroke } from './types.ts';

// Snapshots of first-touched voxels are kept per 8×8×8 tile: copying a few small tiles per add
// keeps the cost proportional to the brush, and a dense per-voxel map would be slower.
const TILE_SHIFT = 3;
const TILE = 1 << TILE_SHIFT;

/**
 * Opens one mouse stroke: many regions painted or erased as one undo step. `add` costs O(region
 * box); the record's `before` holds each voxel's value before the stroke first touched it and its
 * box is the union of the boxes `add` changed.
 */
export function createStroke(labelmap: Labelmap, options: EditOptions, label: string): Stroke {
  const table = buildEditTable(labelmap, options);
  const { data, geometry } = labelmap;
  const [nx, ny, nz] = geometry.dimensions;
  const tilesX = (nx + TILE - 1) >> TILE_SHIFT;
  const tilesY = (ny + TILE - 1) >> TILE_SHIFT;
  const snapshots = new Map<number, Uint8Array>();
  let changed: Box | null = null;
  let open = true;

  // Visits the in-volume part of tile (tx, ty, tz): calls copy(volumeIndex, tileIndex, length) per row.
  const forTileRows = (
    tx: number,
    ty: number,
    tz: number,
    copy: (at: number, inTile: number, length: number) => void,
  ): void => {
    const x0 = tx << TILE_SHIFT;
    const length = Math.min(TILE, nx - x0);
    const yEnd = Math.min(TILE, ny - (ty << TILE_SHIFT));
    const zEnd = Math.min(TILE, nz - (tz << TILE_SHIFT));
    for (let z = 0; z < zEnd; z++) {
      for (let y = 0; y < yEnd; y++) {
        const at = x0 + nx * ((ty << TILE_SHIFT) + y + ny * ((tz << TILE_SHIFT) + z));
        copy(at, (z * TILE + y) * TILE, length);
      }
    }
  };

  const snapshotTiles = (box: Box): void => {
    for (let tz = box.min[2] >> TILE_SHIFT; tz <= box.max[2] >> TILE_SHIFT; tz++) {
      for (let ty = box.min[1] >> TILE_SHIFT; ty <= box.max[1] >> TILE_SHIFT; ty++) {
        for (let tx = box.min[0] >> TILE_SHIFT; tx <= box.max[0] >> TILE_SHIFT; tx++) {
          const key = tx + tilesX * (ty + tilesY * tz);
          if (snapshots.has(key)) continue;
          const tile = new Uint8Array(TILE * TILE * TILE);
          forTileRows(tx, ty, tz, (at, inTile, length) => {
            for (let x = 0; x < length; x++) tile[inTile + x] = data[at + x] ?? 0;
          });
          snapshots.set(key, tile);
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

  // Calls visit(tile, tileIndex, boxIndex, length) for each row of each snapshotted tile in box.
  const forSnapshotRowsIn = (
    box: Box,
    visit: (tile: Uint8Array, inTile: number, inBox: number, length: number) => void,
  ): void => {
    const [bx, by] = boxSize(box);
    for (let tz = box.min[2] >> TILE_SHIFT; tz <= box.max[2] >> TILE_SHIFT; tz++) {
      for (let ty = box.min[1] >> TILE_SHIFT; ty <= box.max[1] >> TILE_SHIFT; ty++) {
        for (let tx = box.min[0] >> TILE_SHIFT; tx <= box.max[0] >> TILE_SHIFT; tx++) {
          const tile = snapshots.get(tx + tilesX * (ty + tilesY * tz));
          if (!tile) continue;
          const i0 = Math.max(box.min[0], tx << TILE_SHIFT);
          const i1 = Math.min(box.max[0], (tx << TILE_SHIFT) + TILE - 1);
          const j0 = Math.max(box.min[1], ty << TILE_SHIFT);
          const j1 = Math.min(box.max[1], (ty << TILE_SHIFT) + TILE - 1);
          const k0 = Math.max(box.min[2], tz << TILE_SHIFT);
          const k1 = Math.min(box.max[2], (tz << TILE_SHIFT) + TILE - 1);
          for (let k = k0; k <= k1; k++) {
            for (let j = j0; j <= j1; j++) {
              const inTile =
                ((k & (TILE - 1)) * TILE + (j & (TILE - 1))) * TILE + (i0 & (TILE - 1));
              const inBox = i0 - box.min[0] + bx * (j - box.min[1] + by * (k - box.min[2]));
              visit(tile, inTile, inBox, i1 - i0 + 1);
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
    if (!box) return null;
    const after = readBox(data, geometry, box);
    // Voxels outside every snapshot were never touched, so their current value is the original.
    const before = after.slice();
    forSnapshotRowsIn(box, (tile, inTile, inBox, length) => {
      before.set(tile.subarray(inTile, inTile + length), inBox);
    });
    let changedVoxels = 0;
    for (let q = 0; q < after.length; q++) if (after[q] !== before[q]) changedVoxels++;
    snapshots.clear();
    if (changedVoxels === 0) return null;
    return { box, before, after, changedVoxels, label };
  };

  const cancel = (): Box | null => {
    if (!open) return null;
    open = false;
    for (const [key, tile] of snapshots) {
      const tx = key % tilesX;
      const ty = Math.floor(key / tilesX) % tilesY;
      const tz = Math.floor(key / (tilesX * tilesY));
      forTileRows(tx, ty, tz, (at, inTile, length) => {
        data.set(tile.subarray(inTile, inTile + length), at);
      });
    }
    snapshots.clear();
    return changed;
  };

  return { add, end, cancel };
}
