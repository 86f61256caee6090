/**
 * Public types of the labelmap engine. Index space is the image volume's: i = column (x),
 * j = row (y), k = slice; every millimetre value says so in its name.
 */

/** Index space of the labelmap = the image volume's: i = column (x), j = row (y), k = slice. */
export interface LabelmapGeometry {
  readonly dimensions: readonly [number, number, number];
  readonly spacingMm: readonly [number, number, number];
}

/** One byte per voxel, x fastest, then y, then k (same layout as the image volume). 0 = empty, 1..255 = segment index. */
export interface Labelmap {
  readonly geometry: LabelmapGeometry;
  readonly data: Uint8Array;
}

/** May be fractional (continuous index coordinates; voxel centres at integers). */
export type Ijk = readonly [number, number, number];

/** Integer, inclusive, clipped to the volume. */
export interface Box {
  readonly min: Ijk;
  readonly max: Ijk;
}

/** The axis held constant by a 2D edit: 'k' = the slice plane (axial for an axial acquisition), 'j' = coronal-like, 'i' = sagittal-like. */
export type PlaneAxis = 'i' | 'j' | 'k';

/** A boolean region: mask over `box` (box-sized, same x-fastest layout), 1 = inside. */
export interface Region {
  readonly box: Box;
  readonly mask: Uint8Array;
}

export type BrushShape = 'circle' | 'sphere';

/** Face neighbours (6) or face + edge + corner neighbours (26). */
export type Connectivity = 6 | 26;

export interface EditOptions {
  /** The active segment (1..255). */
  readonly segment: number;
  readonly mode: 'paint' | 'erase';
  /** Slicer's "Overwrite other segments": 'all' overwrites other (unlocked) segments; 'none' paints only empty voxels. */
  readonly overwrite: 'all' | 'none';
  /** Never changed by paint or erase. A locked active segment makes every edit a no-op. */
  readonly lockedSegments?: ReadonlySet<number>;
  /** Erase only the active segment (default), or every unlocked segment. */
  readonly eraseScope?: 'active' | 'all';
  /** Slicer's intensity masking: only voxels whose image value is within [min, max] are edited (paint and erase). */
  readonly threshold?: {
    readonly image: ArrayLike<number>;
    readonly min: number;
    readonly max: number;
  };
}

/** One undo step: the box's voxels before and after (box-sized, x-fastest). */
export interface EditRecord {
  readonly box: Box;
  readonly before: Uint8Array;
  readonly after: Uint8Array;
  readonly changedVoxels: number;
  readonly label: string;
}

export interface Stroke {
  /** Paints/erases one region; returns the box actually changed by this call (for rendering), null if nothing changed. */
  add(region: Region | null): Box | null;
  /** Closes the stroke: one undo step, or null when nothing changed. Later calls return null. */
  end(): EditRecord | null;
  /** Restores every voxel the stroke changed and closes it; returns the box to re-render. */
  cancel(): Box | null;
}

export interface HistoryPushResult {
  /** Oldest records dropped to stay within maxBytes. */
  readonly droppedRecords: number;
  readonly droppedBytes: number;
}

export interface EditHistory {
  push(record: EditRecord): HistoryPushResult;
  /** Writes the newest record's `before` into the labelmap; returns it (for counts and rendering). */
  undo(labelmap: Labelmap): EditRecord | null;
  /** Writes the next undone record's `after` into the labelmap; returns it. */
  redo(labelmap: Labelmap): EditRecord | null;
  canUndo(): boolean;
  canRedo(): boolean;
  clear(): void;
  /** Bytes held by both stacks (before + after arrays). */
  bytes(): number;
  /** Number of undoable records. */
  depth(): number;
}

export interface Island {
  readonly voxelCount: number;
  readonly box: Box;
  /** The island's first voxel in x-fastest order: a stable handle (e.g. to jump to it). */
  readonly seed: Ijk;
}
