import {
  applyCountDelta,
  applyRegion,
  fillBetweenSlices,
  removeSmallIslands,
  replaceLabelmap,
  segmentBoundingBox,
  splitIslands,
  type PlaneAxis,
  countVoxelsBySegment,
  createEditHistory,
  createLabelmap,
  createStroke,
  voxelVolumeMl,
  type Box,
  type EditRecord,
  type Labelmap,
  type LabelmapGeometry,
  type Region,
} from './engine';
import type { EditorSettings, SegmentInfo, SegmentTypeContribution } from './types';

export interface SegmentStats {
  readonly voxelCount: number;
  readonly volumeMl: number;
}

export interface SessionState {
  readonly segments: readonly SegmentInfo[];
  readonly activeIndex: number | null;
  readonly stats: ReadonlyMap<number, SegmentStats>;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** What the undo history holds, against its cap (shown beside Undo/Redo). */
  readonly history: HistoryUsage;
  /** Increases with every change of voxels or segments (autosave and views key on it). */
  readonly revision: number;
}

export interface HistoryUsage {
  /** Steps that can be undone. */
  readonly steps: number;
  /** Bytes held by undo and redo records (changed regions, before and after). */
  readonly bytes: number;
  readonly capBytes: number;
  /** Oldest steps dropped so far to stay within the cap. */
  readonly droppedSteps: number;
}

export interface StrokeHandle {
  /** Adds a region to the stroke; returns the box it changed (null: nothing changed). */
  add(region: Region): Box | null;
  end(): void;
}

export interface SavedSegmentation {
  readonly segments: readonly SegmentInfo[];
  readonly activeIndex: number | null;
  readonly data: Uint8Array;
}

export interface SegmentationSession {
  readonly seriesKey: string;
  readonly labelmap: Labelmap;
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  /** Voxels changed in `box` (or everywhere when null): for rendering. */
  onVoxelsChanged(listener: (box: Box | null) => void): () => void;
  addSegment(type: SegmentTypeContribution): SegmentInfo | null;
  updateSegment(index: number, patch: Partial<Omit<SegmentInfo, 'index'>>): void;
  removeSegment(index: number): void;
  setActive(index: number | null): void;
  beginStroke(
    mode: 'paint' | 'erase',
    settings: EditorSettings,
    image: ArrayLike<number>,
  ): StrokeHandle | null;
  /** Slicer's Islands → "Split islands to segments": one segment per connected component. */
  splitIslands(index: number): void;
  /** Slicer's Islands → "Remove small islands". */
  removeSmallIslands(index: number, minVoxels: number): void;
  /** Slicer's "Fill between slices" along one index axis. */
  fillBetweenSlices(index: number, axis: PlaneAxis): void;
  /**
   * Replaces every segment and voxel (a loaded DICOM SEG): one undo step, holding only the box
   * where voxels changed. `data` is a labelmap of the same grid; it is copied, not kept.
   */
  replaceAll(segments: readonly SegmentInfo[], data: Uint8Array, label: string): void;
  undo(): void;
  redo(): void;
  snapshot(): SavedSegmentation;
}

// Undo history cap per series: changed regions only, never labelmap copies. 32 MiB keeps a few
// hundred brush strokes (a 10 mm stroke ≈ 60 KB) and stays small beside three open CT dates
// (3 × 157 MB of voxels + 3 × 79 MB of labelmaps), so memory stays near the raw voxel bytes.
export const HISTORY_CAP_BYTES = 32 * 1024 * 1024;

/** A lesion's DICOM TrackingUID in the 2.25 (UUID-derived) form of PS3.5 §B.2. */
export function newTrackingUid(): string {
  const hex = crypto.randomUUID().replace(/-/g, '');
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}

/** Every voxel of a box, as a region. */
function fullRegion(box: Box): Region {
  const size =
    (box.max[0] - box.min[0] + 1) * (box.max[1] - box.min[1] + 1) * (box.max[2] - box.min[2] + 1);
  return { box, mask: new Uint8Array(size).fill(1) };
}

// Distinct colours for further segments of one type, so neighbouring lesions stay apart.
const PALETTE: ReadonlyArray<readonly [number, number, number]> = [
  [230, 80, 60],
  [60, 180, 75],
  [0, 130, 200],
  [245, 130, 48],
  [145, 30, 180],
  [70, 240, 240],
  [240, 50, 230],
  [210, 245, 60],
  [250, 190, 212],
  [0, 128, 128],
  [170, 110, 40],
  [255, 225, 25],
];

function colourFor(
  type: SegmentTypeContribution,
  sameTypeIndex: number,
): readonly [number, number, number] {
  if (sameTypeIndex === 1) return type.color;
  return PALETTE[(sameTypeIndex - 1) % PALETTE.length] ?? type.color;
}

function nextFreeIndex(used: ReadonlySet<number>): number | null {
  for (let i = 1; i <= 255; i++) if (!used.has(i)) return i;
  return null;
}

/**
 * The editable segmentation of one series: labelmap, segment list, undo history and live
 * statistics. No cornerstone and no React: the viewport glue renders it, panels read it.
 */
export function createSegmentationSession(
  seriesKey: string,
  geometry: LabelmapGeometry,
  saved?: SavedSegmentation,
): SegmentationSession {
  const labelmap = createLabelmap(geometry);
  if (saved) labelmap.data.set(saved.data);
  const history = createEditHistory({ maxBytes: HISTORY_CAP_BYTES });
  let droppedSteps = 0;
  const counts = saved ? countVoxelsBySegment(labelmap) : new Uint32Array(256);
  const voxelMl = voxelVolumeMl(geometry);
  // Segment lists before/after each record, so undoing a deletion brings the segment back.
  const segmentChanges = new WeakMap<
    EditRecord,
    { before: readonly SegmentInfo[]; after: readonly SegmentInfo[] }
  >();
  const listeners = new Set<() => void>();
  const voxelListeners = new Set<(box: Box | null) => void>();
  let segments: readonly SegmentInfo[] = saved?.segments ?? [];
  let activeIndex: number | null = saved?.activeIndex ?? null;
  let revision = 0;
  let state = computeState();

  function computeState(): SessionState {
    const stats = new Map<number, SegmentStats>();
    for (const segment of segments) {
      const voxelCount = counts[segment.index] ?? 0;
      stats.set(segment.index, { voxelCount, volumeMl: voxelCount * voxelMl });
    }
    return {
      segments,
      activeIndex,
      stats,
      canUndo: history.canUndo(),
      canRedo: history.canRedo(),
      history: {
        steps: history.depth(),
        bytes: history.bytes(),
        capBytes: HISTORY_CAP_BYTES,
        droppedSteps,
      },
      revision,
    };
  }
  function changed(): void {
    revision++;
    state = computeState();
    for (const listener of listeners) listener();
  }
  function voxelsChanged(box: Box | null): void {
    for (const listener of voxelListeners) listener(box);
  }
  /** After undo or redo changed the segment list, the active segment must be one of them. */
  function keepActiveSegment(): void {
    if (!segments.some((s) => s.index === activeIndex))
      activeIndex = segments[segments.length - 1]?.index ?? null;
  }
  function lockedSet(): Set<number> {
    return new Set(segments.filter((s) => s.locked).map((s) => s.index));
  }
  function commit(record: EditRecord | null, segmentsAfter?: readonly SegmentInfo[]): void {
    const before = segments;
    if (segmentsAfter) segments = segmentsAfter;
    if (record) {
      applyCountDelta(counts, record, 'do');
      push(record, before, segments);
      voxelsChanged(record.box);
    }
    changed();
  }
  function push(
    record: EditRecord,
    before: readonly SegmentInfo[],
    after: readonly SegmentInfo[],
  ): void {
    segmentChanges.set(record, { before, after });
    droppedSteps += history.push(record).droppedRecords;
  }

  const session: SegmentationSession = {
    seriesKey,
    labelmap,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onVoxelsChanged(listener) {
      voxelListeners.add(listener);
      return () => voxelListeners.delete(listener);
    },
    addSegment(type) {
      const index = nextFreeIndex(new Set(segments.map((s) => s.index)));
      if (index === null) return null;
      const sameType = segments.filter((s) => s.typeId === type.id).length + 1;
      const lesionNumber = segments.filter((s) => s.trackingId !== null).length + 1;
      const segment: SegmentInfo = {
        index,
        label: `${type.label} ${sameType}`,
        typeId: type.id,
        color: colourFor(type, sameType),
        visible: true,
        locked: false,
        trackingId: type.isLesion ? `L${lesionNumber}` : null,
        trackingUid: type.isLesion ? newTrackingUid() : null,
      };
      segments = [...segments, segment];
      activeIndex = index;
      changed();
      return segment;
    },
    updateSegment(index, patch) {
      segments = segments.map((s) => (s.index === index ? { ...s, ...patch, index } : s));
      changed();
    },
    removeSegment(index) {
      const before = segments;
      const after = segments.filter((s) => s.index !== index);
      // Clearing the voxels is an erase of this segment inside its box, recorded for undo.
      const box = counts[index] ? segmentBoundingBox(labelmap, index) : null;
      const record = box
        ? applyRegion(
            labelmap,
            fullRegion(box),
            { segment: index, mode: 'erase', overwrite: 'all', eraseScope: 'active' },
            `Delete ${before.find((s) => s.index === index)?.label ?? 'segment'}`,
          )
        : null;
      segments = after;
      if (activeIndex === index) activeIndex = after[after.length - 1]?.index ?? null;
      if (record) {
        applyCountDelta(counts, record, 'do');
        push(record, before, after);
        voxelsChanged(record.box);
      }
      changed();
    },
    setActive(index) {
      activeIndex = index;
      changed();
    },
    beginStroke(mode, settings, image) {
      if (activeIndex === null && mode === 'paint') return null;
      const active = segments.find((s) => s.index === activeIndex);
      if (mode === 'paint' && (!active || active.locked)) return null;
      const stroke = createStroke(
        labelmap,
        {
          segment: activeIndex ?? 0,
          mode,
          overwrite: settings.overwrite,
          lockedSegments: lockedSet(),
          eraseScope: activeIndex === null ? 'all' : settings.eraseScope,
          ...(settings.threshold.enabled
            ? { threshold: { image, min: settings.threshold.min, max: settings.threshold.max } }
            : {}),
        },
        mode === 'paint' ? `Paint ${active?.label ?? ''}` : 'Erase',
      );
      return {
        add(region) {
          const box = stroke.add(region);
          if (box) voxelsChanged(box);
          return box;
        },
        end() {
          const record = stroke.end();
          if (!record) return;
          applyCountDelta(counts, record, 'do');
          push(record, segments, segments);
          changed();
        },
      };
    },
    splitIslands(index) {
      const template = segments.find((s) => s.index === index);
      if (!template) return;
      const used = new Set(segments.map((s) => s.index));
      const { record, created } = splitIslands(labelmap, index, () => {
        const free = nextFreeIndex(used);
        if (free !== null) used.add(free);
        return free;
      });
      let lesions = segments.filter((s) => s.trackingId !== null).length;
      // Each island becomes its own lesion, with its own tracking identity.
      const extra = created.map((newIndex, n): SegmentInfo => ({
        ...template,
        index: newIndex,
        label: `${template.label} (${n + 2})`,
        trackingId: template.trackingId ? `L${++lesions}` : null,
        trackingUid: template.trackingUid ? newTrackingUid() : null,
      }));
      commit(record, [...segments, ...extra]);
    },
    removeSmallIslands(index, minVoxels) {
      commit(removeSmallIslands(labelmap, index, minVoxels));
    },
    fillBetweenSlices(index, axis) {
      commit(fillBetweenSlices(labelmap, index, axis));
    },
    replaceAll(next, data, label) {
      const record = replaceLabelmap(labelmap, data, label);
      activeIndex = next[0]?.index ?? null;
      commit(record, next);
    },
    undo() {
      const record = history.undo(labelmap);
      if (!record) return;
      applyCountDelta(counts, record, 'undo');
      const change = segmentChanges.get(record);
      if (change) segments = change.before;
      keepActiveSegment();
      voxelsChanged(record.box);
      changed();
    },
    redo() {
      const record = history.redo(labelmap);
      if (!record) return;
      applyCountDelta(counts, record, 'do');
      const change = segmentChanges.get(record);
      if (change) segments = change.after;
      keepActiveSegment();
      voxelsChanged(record.box);
      changed();
    },
    snapshot: () => ({ segments, activeIndex, data: labelmap.data }),
  };

  return session;
}
