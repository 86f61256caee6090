// Public surface of the DICOM SR Measurement Report (TID 1500) writer and reader. Pure
// TypeScript: no DOM, React or cornerstone; runs in Node, workers and browsers.
export { writeMeasurementReport, defaultProcedures } from './writeMeasurementReport.ts';
export { readMeasurementReport } from './readMeasurementReport.ts';
export { readSrContentTree, type SrContentItem } from './readContentTree.ts';
export { checkTid1500 } from './checkTid1500.ts';
export { formatBiliaryLevel, DEFAULT_TRACKING_IDS } from './buildMeasurementGroups.ts';
export {
  CODES,
  COUINAUD_CODES,
  UNITS,
  COMPREHENSIVE_3D_SR_STORAGE,
  ENHANCED_SR_STORAGE,
  SEGMENTATION_STORAGE_UID,
} from './codes.ts';
export type {
  CodedConcept,
  ParsedMeasurementReport,
  SrBiliaryInterruptionFinding,
  SrBiliaryLevel,
  SrCouinaudSegment,
  SrHepatomegalyFinding,
  SrLesionSignalFinding,
  SrMrcpDuctsFinding,
  SrPresenceFinding,
  SrResponseCategory,
  SrResponseFinding,
  SrRoiMeasurement,
  SrSeriesReference,
  SrSignalIntensity,
  SrError,
  SrErrorCode,
  SrFinding,
  SrImageReference,
  SrIntensityKind,
  SrLesionMeasurement,
  SrLiverPattern,
  SrLiverSpleenFinding,
  SrNumericMeasurement,
  SrObserver,
  SrPatient,
  SrPatternFinding,
  SrPoint,
  SrReportContent,
  SrResult,
  SrRoiIntensity,
  SrSegmentationReference,
  SrSourceSeries,
  SrStudy,
  SrWriterInput,
} from './types.ts';
