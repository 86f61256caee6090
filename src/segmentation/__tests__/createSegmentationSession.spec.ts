import { describe, expect, it } from 'vitest';
import type { SegmentTypeContribution } from '../../plugin-api';
import { createSegmentationSession, HISTORY_CAP_BYTES } from '../createSegmentationSession';
import { brushRegion } from '../engine';
import { DEFAULT_EDITOR_SETTINGS } from '../types';

const LESION: SegmentTypeContribution = {
  id: 'lesion',
  label: 'Lesion',
  category: {
    codeValue: '49755003',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Morphologically Altered Structure',
  },
  type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
  color: [230, 80, 60],
  isLesion: true,
};
const LIVER: SegmentTypeContribution = {
  ...LESION,
  id: 'liver',
  label: 'Liver',
  type: { codeValue: '10200004', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
  isLesion: false,
};
// 40 × 40 × 10 voxels of 1 × 1 × 2 mm: one voxel is 0.002 mL.
const GEOMETRY = { dimensions: [40, 40, 10], spacingMm: [1, 1, 2] } as const;
const image = new Int16Array(40 * 40 * 10);

function paintDisc(
  session: ReturnType<typeof createSegmentationSession>,
  center: [number, number, number],
  radiusMm: number,
): void {
  const stroke = session.beginStroke('paint', DEFAULT_EDITOR_SETTINGS, image);
  if (!stroke) throw new Error('no stroke');
  stroke.add(brushRegion({ center, radiusMm, shape: 'circle', plane: 'k', geometry: GEOMETRY }));
  stroke.end();
}

describe('createSegmentationSession', () => {
  it('numbers lesions L1, L2 with DICOM TrackingUIDs and leaves organs untracked', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    const a = session.addSegment(LESION);
    const liver = session.addSegment(LIVER);
    const b = session.addSegment(LESION);
    expect([a?.index, liver?.index, b?.index]).toEqual([1, 2, 3]);
    expect([a?.trackingId, liver?.trackingId, b?.trackingId]).toEqual(['L1', null, 'L2']);
    expect(a?.trackingUid).toMatch(/^2\.25\.\d{1,39}$/);
    expect(a?.trackingUid).not.toBe(b?.trackingUid);
    expect(liver?.trackingUid).toBeNull();
    // A second lesion gets its own colour, not the type's.
    expect(b?.color).not.toEqual(a?.color);
  });

  it('reports voxel count and volume from the strokes, and undoes them', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    // A 1.5 mm disc on 1 mm pixels covers the centre and its 8 neighbours (corner distance √2 < 1.5).
    paintDisc(session, [20, 20, 5], 1.5);
    expect(session.getState().stats.get(1)).toEqual({ voxelCount: 9, volumeMl: 9 * 0.002 });
    session.undo();
    expect(session.getState().stats.get(1)?.voxelCount).toBe(0);
    session.redo();
    expect(session.getState().stats.get(1)?.voxelCount).toBe(9);
  });

  it('reports what the undo history holds against its cap', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    const before = session.getState().history.steps;
    paintDisc(session, [20, 20, 5], 1.5);
    // The 3 × 3 × 1 box of the disc, held before and after: 2 × 9 bytes.
    expect(session.getState().history).toEqual({
      steps: before + 1,
      bytes: session.getState().history.bytes,
      capBytes: HISTORY_CAP_BYTES,
      droppedSteps: 0,
    });
    const strokeBytes = session.getState().history.bytes;
    paintDisc(session, [10, 10, 5], 1.5);
    expect(session.getState().history.bytes - strokeBytes).toBe(18);
    expect(HISTORY_CAP_BYTES).toBe(32 * 1024 * 1024);
  });

  it('refuses to paint a locked segment', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    session.updateSegment(1, { locked: true });
    expect(session.beginStroke('paint', DEFAULT_EDITOR_SETTINGS, image)).toBeNull();
  });

  it('brings a deleted segment and its voxels back on undo', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    paintDisc(session, [10, 10, 2], 3);
    const painted = session.getState().stats.get(1)?.voxelCount ?? 0;
    session.removeSegment(1);
    expect(session.getState().segments).toEqual([]);
    expect(session.labelmap.data.some((v) => v !== 0)).toBe(false);
    session.undo();
    expect(session.getState().segments.map((s) => s.label)).toEqual(['Lesion 1']);
    expect(session.getState().stats.get(1)?.voxelCount).toBe(painted);
  });

  it('splits islands into lesions of their own, each with a new tracking identity', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    paintDisc(session, [8, 8, 4], 3);
    paintDisc(session, [30, 30, 4], 2);
    const first = session.getState().segments[0];
    session.splitIslands(1);
    const segments = session.getState().segments;
    expect(segments).toHaveLength(2);
    expect(segments[1]?.trackingId).toBe('L2');
    expect(segments[1]?.trackingUid).not.toBe(first?.trackingUid);
    // The larger island keeps the original segment.
    const stats = session.getState().stats;
    expect(stats.get(1)?.voxelCount).toBeGreaterThan(
      stats.get(segments[1]!.index)?.voxelCount ?? 0,
    );
    session.undo();
    expect(session.getState().segments).toHaveLength(1);
  });

  it('restores a saved snapshot with its counts', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    paintDisc(session, [20, 20, 5], 1.5);
    const saved = session.snapshot();
    const restored = createSegmentationSession('s', GEOMETRY, {
      ...saved,
      data: saved.data.slice(),
    });
    expect(restored.getState().segments).toEqual(saved.segments);
    expect(restored.getState().stats.get(1)?.voxelCount).toBe(9);
  });

  it('replaces every segment and voxel as one undo step (a loaded SEG)', () => {
    const session = createSegmentationSession('s', GEOMETRY);
    session.addSegment(LESION);
    paintDisc(session, [20, 20, 5], 1.5);
    const before = session.getState().segments;
    const loaded = new Uint8Array(40 * 40 * 10);
    loaded.fill(3, 40 * 40 * 2, 40 * 40 * 2 + 40); // one row of slice 2
    loaded[40 * 40 * 7 + 5] = 4;
    const segments = [
      { ...before[0]!, index: 3, label: 'Liver', typeId: 'liver', trackingId: null },
      { ...before[0]!, index: 4, label: 'L7', trackingId: 'L7' },
    ];
    session.replaceAll(segments, loaded, 'Load SEG');
    let state = session.getState();
    expect(state.segments.map((s) => s.index)).toEqual([3, 4]);
    expect(state.activeIndex).toBe(3);
    expect([1, 3, 4].map((i) => state.stats.get(i)?.voxelCount)).toEqual([undefined, 40, 1]);
    expect(session.labelmap.data).toEqual(loaded);
    session.undo();
    state = session.getState();
    expect(state.segments).toEqual(before);
    expect(state.activeIndex).toBe(1);
    expect(state.stats.get(1)?.voxelCount).toBe(9);
    session.redo();
    expect(session.labelmap.data).toEqual(loaded);
  });
});
