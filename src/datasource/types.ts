import type { LoadProblem, PatientSummary } from '../plugin-api';
import type { SegSourceDescription } from '../dicom/seg';
import type { DisplayVolume } from '../viewport/displayVolume';
import type { MeasurementReportSummary } from './measurementReportRequests';
import type { ImportedSegmentation, SegFileSummary } from './segmentationRequests';

/** One file a data source offers: fetched by URL or read from a Blob, inside the worker. */
export type SourceFile =
  { readonly name: string; readonly url: string } | { readonly name: string; readonly blob: Blob };

/**
 * Where studies come from. Local files and the bundled samples implement it now; the
 * DICOMweb source implements it later.
 */
export interface DataSource {
  readonly id: string;
  readonly label: string;
  listFiles(signal?: AbortSignal): Promise<readonly SourceFile[]>;
}

export interface IngestProgress {
  readonly done: number;
  readonly total: number;
}

export type WorkerRequest =
  | { readonly type: 'ingest'; readonly requestId: number; readonly files: readonly SourceFile[] }
  | { readonly type: 'assemble'; readonly requestId: number; readonly seriesId: string }
  | { readonly type: 'clear'; readonly requestId: number }
  /** What a DICOM SEG over the series copies from it (grid, source instances, patient, study). */
  | { readonly type: 'seg-source'; readonly requestId: number; readonly seriesId: string }
  /** The loaded SEG objects drawn on the series. */
  | { readonly type: 'list-segs'; readonly requestId: number; readonly seriesId: string }
  /** The loaded TID 1500 Measurement Reports that measure the series. */
  | { readonly type: 'list-reports'; readonly requestId: number; readonly seriesId: string }
  /** One SEG object mapped onto the grid of a series (normally its source). */
  | {
      readonly type: 'read-seg';
      readonly requestId: number;
      readonly segSeriesId: string;
      readonly sopInstanceUid: string;
      readonly targetSeriesId: string;
    };

export type WorkerResponse =
  | { readonly type: 'progress'; readonly requestId: number; readonly progress: IngestProgress }
  | {
      readonly type: 'ingested';
      readonly requestId: number;
      readonly patients: readonly PatientSummary[];
      readonly problems: readonly LoadProblem[];
    }
  | { readonly type: 'assembled'; readonly requestId: number; readonly volume: DisplayVolume }
  | { readonly type: 'cleared'; readonly requestId: number }
  | {
      readonly type: 'seg-source';
      readonly requestId: number;
      readonly description: SegSourceDescription;
    }
  | {
      readonly type: 'segs-listed';
      readonly requestId: number;
      readonly segmentations: readonly SegFileSummary[];
    }
  | {
      readonly type: 'reports-listed';
      readonly requestId: number;
      readonly reports: readonly MeasurementReportSummary[];
    }
  | {
      readonly type: 'seg-read';
      readonly requestId: number;
      readonly segmentation: ImportedSegmentation;
    }
  | {
      readonly type: 'failed';
      readonly requestId: number;
      readonly error: { readonly code: string; readonly message: string };
    };
