import type { Disposable } from './contract';
import type { LoadProblem, PatientSummary, SeriesSummary } from './summaries';

export interface SeriesSelection {
  readonly series: SeriesSummary;
  readonly layout: 'stack' | 'mpr';
}

/** Events the host emits; each entry's value is the listener's detail type. */
export interface HostEventMap {
  /** The set of loaded patients changed (a data source finished or files were added). */
  'patients-changed': { readonly patients: readonly PatientSummary[] };
  /** Files were rejected by ingest; the host also lists them to the user. */
  'load-problems': { readonly problems: readonly LoadProblem[] };
  /** A series is now displayed (or null when the viewer was cleared). */
  'series-displayed': { readonly selection: SeriesSelection | null };
}
export type HostEventName = keyof HostEventMap;

/** Functions the host offers a plugin. No service bag: every dependency is a named function. */
export interface HostApi {
  getPatients(): readonly PatientSummary[];
  getDisplayed(): SeriesSelection | null;
  /** Shows a series by its SeriesSummary.id. */
  displaySeries(seriesId: string, layout?: 'stack' | 'mpr'): Promise<void>;
  on<K extends HostEventName>(event: K, listener: (detail: HostEventMap[K]) => void): Disposable;
  notify(message: string, level?: 'info' | 'warning' | 'error'): void;
}
