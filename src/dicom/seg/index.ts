// Public surface of DICOM SEG reading and writing. Pure TypeScript: no DOM, React or cornerstone.
export { parseSegmentation } from './parseSegmentation.ts';
export { segmentationToLabelmap, type SegToLabelmapOptions } from './segmentationToLabelmap.ts';
export {
  findSourceSeries,
  segTargetFromSeries,
  type SourceSeriesMatch,
  type SourceSeriesMethod,
} from './findSourceSeries.ts';
export {
  formatDs,
  writeSegmentation,
  type SegWriteSummary,
  type SegWriterInput,
  type SegWriterSegment,
} from './writeSegmentation.ts';
export { describeSegSource, type SegSourceDescription } from './describeSegSource.ts';
export { dicomLabToRgb, rgbToDicomLab } from './cieLab.ts';
export { SEGMENTATION_STORAGE } from './segTags.ts';
export type {
  CodedConcept,
  ParsedSegmentation,
  SegError,
  SegErrorCode,
  SegFrame,
  SegLabelmap,
  SegmentAlgorithmType,
  SegmentationType,
  SegmentDescription,
  SegmentOverlap,
  SegResult,
  SegTargetGrid,
  SourceImageReference,
} from './types.ts';
