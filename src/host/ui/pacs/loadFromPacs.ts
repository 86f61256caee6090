import type { DataSource, SourceFile } from '../../../datasource/types';
import {
  DicomWebError,
  type DicomWebClient,
  type SeriesRecord,
} from '../../../datasource/dicomweb/types';
import { asSentence, describeDicomWebFailure } from '../../../datasource/dicomweb/outboxRetry';
import type { PatientSummary, SeriesSelection } from '../../../plugin-api';
import type { SeriesPreview } from './createSeriesPreview';

/** A series the user chose, with its study's date (YYYYMMDD) for the loading order. */
export interface PacsSeriesChoice extends SeriesRecord {
  readonly studyDate: string;
}

/** What loading needs from the host: the ingest path local files take, and the display. */
export interface PacsLoadHost {
  loadSource(source: DataSource): Promise<void>;
  patients(): readonly PatientSummary[];
  displayed(): SeriesSelection | null;
  display(seriesId: string): Promise<void>;
}

export interface PacsLoadProgress {
  /** The series being retrieved, for people. */
  readonly label: string;
  /** Instances received (or series, when the PACS did not say how many instances to expect). */
  readonly done: number;
  readonly total: number;
  /** The series being retrieved: instances received and expected (null when not known). */
  readonly series?: { readonly done: number; readonly total: number | null };
  /** Whether `done`/`total` count instances (else series). */
  readonly countsInstances?: boolean;
}

export interface PacsLoadReport {
  readonly seriesLoaded: number;
  readonly seriesTotal: number;
  readonly failed: ReadonlyArray<{ readonly series: string; readonly message: string }>;
  readonly cancelled: boolean;
  /** Set when loading stopped early because the PACS went away. */
  readonly stoppedBy: string | null;
}

const NON_IMAGE = new Set(['SEG', 'SR', 'KO', 'PR', 'DOC', 'RTSTRUCT']);

export const describeSeriesRecord = (s: SeriesRecord): string =>
  `${s.modality} ${s.seriesDescription || `series ${s.seriesNumber ?? ''}`}`.trim();

/**
 * Loading order: oldest study first (the baseline shows first), image series before SEG/SR,
 * the largest image series of a study first (the main volume before its localizer).
 */
export function orderForLoading(series: readonly PacsSeriesChoice[]): PacsSeriesChoice[] {
  return [...series].sort(
    (a, b) =>
      a.studyDate.localeCompare(b.studyDate) ||
      a.studyInstanceUid.localeCompare(b.studyInstanceUid) ||
      Number(NON_IMAGE.has(a.modality)) - Number(NON_IMAGE.has(b.modality)) ||
      (b.numberOfInstances ?? 0) - (a.numberOfInstances ?? 0) ||
      (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0),
  );
}

const isCancel = (error: unknown): boolean =>
  (error instanceof DicomWebError && error.code === 'CANCELLED') ||
  (error instanceof DOMException && error.name === 'AbortError');

/**
 * Retrieves the chosen series with WADO-RS one after the other and hands each to the host's
 * ingest as soon as it has arrived (while the next one downloads), so the first volume shows
 * before the last study is in. Until then, `preview` gets the instances of the first image
 * series as they arrive (a live image while it streams); it is stopped once a volume of this
 * load is displayed. A cancelled or failed series leaves the ones before it loaded.
 */
export async function loadSeriesFromPacs(
  client: Pick<DicomWebClient, 'retrieveSeries'>,
  chosen: readonly PacsSeriesChoice[],
  host: PacsLoadHost,
  options: {
    readonly signal: AbortSignal;
    readonly onProgress: (p: PacsLoadProgress) => void;
    readonly preview?: SeriesPreview;
  },
): Promise<PacsLoadReport> {
  const series = orderForLoading(chosen);
  const counted = series.every((s) => s.numberOfInstances !== null);
  const total = counted ? series.reduce((sum, s) => sum + (s.numberOfInstances ?? 0), 0) : 0;
  const failed: Array<{ series: string; message: string }> = [];
  const loadedUids = new Set<string>();
  let instancesBefore = 0;
  let seriesLoaded = 0;
  let cancelled = false;
  let stoppedBy: string | null = null;
  let shown = false;
  let ingesting: Promise<void> = Promise.resolve();
  const preview = options.preview;

  /** Shows the first volume of this load once ingest has it, unless one of it is already shown. */
  const showFirstVolume = async (): Promise<void> => {
    if (shown) return;
    const candidates = host
      .patients()
      .flatMap((p) => p.studies.flatMap((s) => s.series))
      .filter((s) => loadedUids.has(s.seriesInstanceUid) && s.kind === 'volume');
    const first = candidates.find((s) => s.modality === 'CT') ?? candidates[0];
    if (!first) return;
    shown = true;
    const displayed = host.displayed();
    if (!displayed || !loadedUids.has(displayed.series.seriesInstanceUid))
      await host.display(first.id);
    // The viewer shows an image of this load now: the preview has done its job.
    preview?.stop();
  };

  for (const [index, record] of series.entries()) {
    if (options.signal.aborted) {
      cancelled = true;
      break;
    }
    const label = `Retrieving ${describeSeriesRecord(record)} (series ${index + 1} of ${series.length})`;
    const report = (done: number, expected: number | null): void =>
      options.onProgress({
        label,
        done: counted ? instancesBefore + done : index,
        total: counted ? total : series.length,
        series: { done, total: expected },
        countsInstances: counted,
      });
    report(0, record.numberOfInstances);
    // The first image series has the preview until it is displayed, or turns out not to be
    // displayable (then the image series arriving takes it over); SEG/SR have nothing to show.
    let arrivedHere = 0;
    const takePreview = (): void => {
      if (!preview || shown || preview.current() !== null) return;
      preview.start({
        seriesInstanceUid: record.seriesInstanceUid,
        label: describeSeriesRecord(record),
        total: record.numberOfInstances,
        received: arrivedHere,
      });
    };
    const previewable = preview !== undefined && !NON_IMAGE.has(record.modality);
    if (previewable) takePreview();
    try {
      const files = await client.retrieveSeries(record, {
        signal: options.signal,
        expectedInstances: record.numberOfInstances,
        onProgress: (p) => report(p.done, p.total ?? record.numberOfInstances),
        ...(previewable && preview
          ? {
              onInstance: (file: { readonly blob: Blob }) => {
                takePreview();
                arrivedHere++;
                if (preview.current() === record.seriesInstanceUid) preview.arrived(file);
              },
            }
          : {}),
      });
      instancesBefore += record.numberOfInstances ?? files.length;
      const source: DataSource = {
        id: `pacs:${record.seriesInstanceUid}`,
        label: `PACS ${describeSeriesRecord(record)}`,
        listFiles: () => Promise.resolve(files as readonly SourceFile[]),
      };
      // Ingest runs in its worker while the next series downloads; one ingest at a time.
      ingesting = ingesting.then(async () => {
        await host.loadSource(source);
        const arrived = host
          .patients()
          .some((p) =>
            p.studies.some((s) =>
              s.series.some((x) => x.seriesInstanceUid === record.seriesInstanceUid),
            ),
          );
        if (!arrived) {
          if (preview?.current() === record.seriesInstanceUid) preview.stop();
          failed.push({
            series: describeSeriesRecord(record),
            message: 'retrieved, but none of its files could be read (see Files not loaded)',
          });
          return;
        }
        loadedUids.add(record.seriesInstanceUid);
        seriesLoaded++;
        await showFirstVolume();
        // Loaded but not a volume (a stack, a single image): the next image series previews.
        if (preview?.current() === record.seriesInstanceUid) preview.stop();
      });
    } catch (error) {
      if (preview?.current() === record.seriesInstanceUid) preview.stop();
      if (isCancel(error)) {
        cancelled = true;
        break;
      }
      const message = describeDicomWebFailure(error);
      failed.push({ series: describeSeriesRecord(record), message });
      // A PACS that cannot be reached will not answer for the next series either.
      if (error instanceof DicomWebError && error.code === 'PACS_UNREACHABLE') {
        stoppedBy = message;
        break;
      }
      instancesBefore += record.numberOfInstances ?? 0;
    }
  }
  await ingesting;
  preview?.stop();
  return { seriesLoaded, seriesTotal: series.length, failed, cancelled, stoppedBy };
}

/** The outcome of a load as one sentence for people, and whether it needs attention. */
export function summariseLoad(report: PacsLoadReport): { text: string; error: boolean } {
  const parts = [`Loaded ${report.seriesLoaded} of ${report.seriesTotal} series from the PACS.`];
  if (report.cancelled) parts.push('Loading was cancelled; the loaded series stay open.');
  if (report.stoppedBy) parts.push(`Stopped: ${asSentence(report.stoppedBy)}`);
  else
    for (const f of report.failed) parts.push(`Not loaded: ${f.series}: ${asSentence(f.message)}`);
  return { text: parts.join(' '), error: report.failed.length > 0 };
}
