// Public surface of the labelmap engine. Pure TypeScript: runs in Node, the main thread and workers.
export { createLabelmap, validateGeometry, validateSegment } from './createLabelmap.ts';
export { brushRegion, type BrushRegionInput } from './brushRegion.ts';
export { strokeRegion, type StrokeRegionInput } from './strokeRegion.ts';
export { polygonRegion, type PolygonRegionInput } from './polygonRegion.ts';
export { createStroke } from './createStroke.ts';
export { applyRegion } from './applyRegion.ts';
export { createEditHistory, type EditHistoryOptions } from './createEditHistory.ts';
export { countVoxelsBySegment } from './countVoxelsBySegment.ts';
export { applyCountDelta } from './applyCountDelta.ts';
export { voxelVolumeMl } from './voxelVolumeMl.ts';
export { segmentBoundingBox } from './segmentBoundingBox.ts';
export { findIslands } from './findIslands.ts';
export { removeSmallIslands } from './removeSmallIslands.ts';
export { splitIslands, type SplitIslandsResult } from './splitIslands.ts';
export { fillBetweenSlices } from './fillBetweenSlices.ts';
export { replaceLabelmap } from './replaceLabelmap.ts';
export { computeSquaredDistance2d } from './computeSquaredDistance2d.ts';
export { computeSignedDistance2d } from './computeSignedDistance2d.ts';
export { encodeLabelmapRle } from './encodeLabelmapRle.ts';
export { decodeLabelmapRle } from './decodeLabelmapRle.ts';
export { boxSize, boxVoxelCount, readBox, unionBox, writeBox } from './boxMath.ts';
export { planeAxes, type PlaneAxes } from './planeAxes.ts';
export { SegmentationError, type SegmentationErrorCode } from './SegmentationError.ts';
export type {
  Box,
  BrushShape,
  Connectivity,
  EditHistory,
  EditOptions,
  EditRecord,
  HistoryPushResult,
  Ijk,
  Island,
  Labelmap,
  LabelmapGeometry,
  PlaneAxis,
  Region,
  Stroke,
} from './types.ts';
