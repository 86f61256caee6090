/**
 * The only module a plugin may import from the host (enforced by ESLint zones).
 * Contributions are typed data referenced by imported values, never by dotted strings.
 */
export type {
  Disposable,
  ViewerPlugin,
  PanelContribution,
  PanelProps,
  CommandContribution,
  ToolContribution,
  ExporterContribution,
  ExportResult,
  CodedConcept,
  SegmentTypeContribution,
} from './contract';
export type {
  ExportDeidentity,
  HostApi,
  HostEventMap,
  HostEventName,
  SeriesSelection,
  ViewerLayout,
} from './host-api';
export type {
  LineAnnotation,
  PickedPoint,
  SegmentPatch,
  SegmentSummary,
  SegmentationData,
  SegmentationSummary,
  SeriesPoint,
  VolumeData,
  VolumeGridInfo,
} from './segmentations';
export type {
  MeasurementReportContribution,
  OpenedMeasurementReport,
  OpenedReportLesion,
  ReportMeasurements,
  ReportOpenOutcome,
  ReportedCouinaudSegment,
  ReportedFinding,
  ReportedFindingCommon,
  ReportedLesion,
  ReportedResponseCategory,
  ReportedRoi,
  ReportedRoiIntensity,
  ReportedSeriesReference,
  ReportedSignal,
} from './reports';
export type {
  PatientSummary,
  StudySummary,
  SeriesSummary,
  SeriesKind,
  LoadProblem,
} from './summaries';
