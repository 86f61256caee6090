import type { Disposable } from './contract';
import type {
  LineAnnotation,
  PickedPoint,
  VolumeData,
  SegmentPatch,
  SegmentationData,
  SegmentationSummary,
  SeriesPoint,
} from './segmentations';
import type { LoadProblem, PatientSummary, SeriesSummary } from './summaries';

/** How the viewer shows the displayed series: one view, three MPR views, or dates side by side. */
export type ViewerLayout = 'stack' | 'mpr' | 'compare';

export interface SeriesSelection {
  readonly series: SeriesSummary;
  readonly layout: ViewerLayout;
  /** In the compare layout: every series shown, oldest date first (the first is `series`). */
  readonly compared?: readonly SeriesSummary[];
}

/** Events the host emits; each entry's value is the listener's detail type. */
export interface HostEventMap {
  /** The set of loaded patients changed (a data source finished or files were added). */
  'patients-changed': { readonly patients: readonly PatientSummary[] };
  /** Files were rejected by ingest; the host also lists them to the user. */
  'load-problems': { readonly problems: readonly LoadProblem[] };
  /** A series is now displayed (or null when the viewer was cleared). */
  'series-displayed': { readonly selection: SeriesSelection | null };
  /**
   * A series' segmentation changed (voxels or segments). Fired at most once per animation
   * frame per series while the user paints.
   */
  'segmentation-changed': { readonly seriesId: string; readonly revision: number };
}
export type HostEventName = keyof HostEventMap;

/** How a patient appears in de-identified exports (PS3.15 modified dates: one shift). */
export interface ExportDeidentity {
  readonly patientId: string;
  /** Whole days added to every date of the patient (negative: earlier). */
  readonly dateOffsetDays: number;
  /** The UID the de-identified DICOM files carry for `uid` (study, series, TrackingUID). */
  mapUid(uid: string): string;
}

/** Functions the host offers a plugin. No service bag: every dependency is a named function. */
export interface HostApi {
  getPatients(): readonly PatientSummary[];
  getDisplayed(): SeriesSelection | null;
  /** Shows a series by its SeriesSummary.id. */
  displaySeries(seriesId: string, layout?: 'stack' | 'mpr'): Promise<void>;
  /**
   * Shows several series side by side (e.g. the same CT on each date), with scrolling,
   * zoom and window linked at the same patient position, and each one's segments outlined.
   */
  displayCompare(seriesIds: readonly string[]): Promise<void>;
  /** Moves the viewports showing each series so that its point is in the displayed planes. */
  jumpTo(points: readonly SeriesPoint[]): void;
  /**
   * Draws lines over the views of their series, on the slice that contains them; replaces
   * the lines drawn before in the same layer (default 'default'; an empty list clears it).
   */
  showLines(lines: readonly LineAnnotation[], layer?: string): void;
  /**
   * Asks the user to click a point on the displayed images (the prompt is shown; Escape
   * cancels). Resolves with the series and patient point clicked, or null when cancelled.
   */
  pickPoint(prompt: string): Promise<PickedPoint | null>;
  /** A series' image and grid (loads the series when needed); null if it is not a volume. */
  readVolume(seriesId: string): Promise<VolumeData | null>;
  /** The segmentations that exist (in this session or saved), one per series. */
  listSegmentations(): Promise<readonly SegmentationSummary[]>;
  /** A series' labelmap, image and grid (loads the series when needed); null if none. */
  readSegmentation(seriesId: string): Promise<SegmentationData | null>;
  /** Changes a segment's label or tracking identity (undoable in the editor). */
  updateSegment(seriesId: string, segmentIndex: number, patch: SegmentPatch): Promise<void>;
  on<K extends HostEventName>(event: K, listener: (detail: HostEventMap[K]) => void): Disposable;
  /**
   * The de-identification of this page session's exports, the same as its DICOM SEG/SR
   * de-identification (one salt): a patient's pseudonymous id and whole-day date shift.
   */
  exportDeidentity?(patientId: string): ExportDeidentity;
  notify(message: string, level?: 'info' | 'warning' | 'error'): void;
}
