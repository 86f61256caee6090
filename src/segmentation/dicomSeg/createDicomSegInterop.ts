import { version } from '../../../package.json';
import { createDeidentifier, type Deidentifier } from '../../dicom/deid';
import { writeSegmentation } from '../../dicom/seg';
import { writeMeasurementReport } from '../../dicom/sr';
import type { OpenedMeasurementReport, ReportMeasurements } from '../../plugin-api';
import type { IngestClient } from '../../datasource/createIngestClient';
import type { MeasurementReportSummary } from '../../datasource/measurementReportRequests';
import type { SegFileSummary } from '../../datasource/segmentationRequests';
import { seriesIdOfKey } from '../createSegmentEditor';
import { newTrackingUid, type SegmentationSession } from '../createSegmentationSession';
import type { SegmentTypeContribution } from '../types';
import { buildSegWriterInput } from './buildSegWriterInput';
import { buildSrWriterInput } from './buildSrWriterInput';
import { openedReportFrom } from './openedReportFrom';
import { segmentsFromSeg } from './segmentsFromSeg';

export type { MeasurementReportSummary, SegFileSummary };

export interface SegExport {
  readonly fileName: string;
  readonly data: Blob;
  readonly frameCount: number;
  readonly segmentCount: number;
  /** Segments left out, with why. */
  readonly omitted: ReadonlyArray<{ readonly label: string; readonly reason: string }>;
  /** SOP Instance UID written (after de-identification, when asked). */
  readonly sopInstanceUid: string;
  /** The TID 1500 SR written with the SEG, when asked for. */
  readonly report: {
    readonly fileName: string;
    readonly data: Blob;
    readonly sopInstanceUid: string;
    readonly lesionCount: number;
    readonly findingCount: number;
  } | null;
  readonly deidentified: boolean;
}

export interface SegExportOptions {
  /** Also write a TID 1500 SR of the plugins' measurements, referencing the SEG's segments. */
  readonly withReport?: boolean;
  /**
   * Pass every file through the PS3.15 basic profile (modified dates). One salt per interop
   * (page session): all files exported in the session map UIDs alike, so references resolve.
   */
  readonly deidentify?: boolean;
}

export interface SegLoad {
  readonly segmentCount: number;
  /** Overlapping segments resolved, repeated frames merged… (from the SEG reader). */
  readonly warnings: readonly string[];
}

export interface DicomSegError {
  /** A SegErrorCode of src/dicom/seg, NOTHING_TO_EXPORT, GRID_MISMATCH, or the worker's code. */
  readonly code: string;
  readonly message: string;
}

export type DicomSegResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DicomSegError };

/** DICOM SEG in and out of the segment editor, for its panel. */
export interface DicomSegInterop {
  /** Writes a session's segments as a binary DICOM SEG over its series. */
  exportSession(
    session: SegmentationSession,
    options?: SegExportOptions,
  ): Promise<DicomSegResult<SegExport>>;
  /** Whether a plugin supplies measurements, so "Export SEG + SR" can be offered. */
  readonly canWriteReport: boolean;
  /** The loaded SEG objects drawn on a series. */
  listFor(seriesId: string): Promise<DicomSegResult<readonly SegFileSummary[]>>;
  /** The loaded TID 1500 Measurement Reports that measure a series (read back, for display). */
  listReportsFor(seriesId: string): Promise<DicomSegResult<readonly MeasurementReportSummary[]>>;
  /** Whether a plugin takes an opened report back into its records ("Open in review"). */
  readonly canOpenReports: boolean;
  /**
   * Hands a loaded report of the series to the plugins (the user has confirmed), its lesions'
   * SEG segments named from the loaded SEGs; resolves with the plugins' message.
   */
  openReport(seriesId: string, report: MeasurementReportSummary): Promise<DicomSegResult<string>>;
  /** Replaces a session's segments with a loaded SEG's (one undo step; autosaved as any edit). */
  load(session: SegmentationSession, file: SegFileSummary): Promise<DicomSegResult<SegLoad>>;
  /** Files were added: lists of SEGs may have changed. */
  onFilesChanged(listener: () => void): () => void;
}

export interface DicomSegInteropOptions {
  readonly client: Pick<
    IngestClient,
    | 'describeSegSource'
    | 'listSegmentationFiles'
    | 'readSegmentationFile'
    | 'listMeasurementReports'
  >;
  readonly segmentTypes: readonly SegmentTypeContribution[];
  readonly onFilesChanged: (listener: () => void) => () => void;
  readonly now?: () => Date;
  /** A new UID (default: 2.25 form from a random UUID, PS3.5 B.2). */
  readonly newUid?: () => string;
  /** Measurements of a series' segments for the SR (from the plugins' contributions). */
  readonly measureForReport?: (seriesId: string) => Promise<ReportMeasurements>;
  /** Gives an opened report to the plugins' contributions; resolves with their message. */
  readonly openReport?: (report: OpenedMeasurementReport) => Promise<string>;
  /** The de-identification salt of this session (default: 32 bytes of crypto.getRandomValues). */
  readonly deidSalt?: () => Uint8Array;
}

const failure = (thrown: unknown): { ok: false; error: DicomSegError } => ({
  ok: false,
  error: {
    code:
      thrown instanceof Error && 'code' in thrown && typeof thrown.code === 'string'
        ? thrown.code
        : 'FAILED',
    message: thrown instanceof Error ? thrown.message : String(thrown),
  },
});

/** A file name without patient identifiers: the study date and the series description. */
function segFileName(studyDate: string, seriesDescription: string): string {
  const slug = seriesDescription
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `seg-${studyDate || 'undated'}${slug ? `-${slug}` : ''}.dcm`;
}

const dicomBlob = (bytes: Uint8Array): Blob =>
  new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/dicom' });

class ExportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createDicomSegInterop(options: DicomSegInteropOptions): DicomSegInterop {
  const { client, segmentTypes } = options;
  const now = options.now ?? (() => new Date());
  const newUid = options.newUid ?? newTrackingUid;
  let sessionDeidentifier: Deidentifier | null = null;
  const deidentifier = (): Deidentifier => {
    if (sessionDeidentifier) return sessionDeidentifier;
    const salt = options.deidSalt?.() ?? crypto.getRandomValues(new Uint8Array(32));
    const created = createDeidentifier({ salt });
    if (!created.ok) throw new ExportFailure(created.error.code, created.error.message);
    sessionDeidentifier = created.value;
    return sessionDeidentifier;
  };
  return {
    canWriteReport: options.measureForReport !== undefined,
    async exportSession(session, exportOptions = {}) {
      try {
        const seriesId = seriesIdOfKey(session.seriesKey);
        const source = await client.describeSegSource(seriesId);
        const state = session.getState();
        const createdAt = now();
        const plan = buildSegWriterInput({
          segments: state.segments,
          voxelCounts: new Map([...state.stats].map(([index, s]) => [index, s.voxelCount])),
          labels: session.labelmap.data,
          dimensions: session.labelmap.geometry.dimensions,
          segmentTypes,
          source,
          identity: {
            seriesInstanceUid: newUid(),
            sopInstanceUid: newUid(),
            dimensionOrganizationUid: newUid(),
            createdAt,
            softwareVersion: `liver-lesion-review ${version}`,
          },
        });
        if (!plan.ok) return plan;
        const written = writeSegmentation(plan.value.input);
        if (!written.ok) return written;
        let report: { bytes: Uint8Array; uid: string; lesions: number; findings: number } | null =
          null;
        if (exportOptions.withReport) {
          if (!options.measureForReport)
            return failure(new ExportFailure('NO_MEASUREMENTS', 'no plugin measures segments'));
          const srInput = buildSrWriterInput({
            seg: plan.value.input,
            segmentNumberOf: written.value.segmentNumberOf,
            modality: source.modality,
            measurements: await options.measureForReport(seriesId),
            identity: { seriesInstanceUid: newUid(), sopInstanceUid: newUid(), createdAt },
          });
          const sr = writeMeasurementReport(srInput);
          if (!sr.ok) return sr;
          report = {
            bytes: sr.value,
            uid: srInput.document.sopInstanceUid,
            lesions: srInput.lesions.length,
            findings: srInput.findings.length,
          };
        }
        const deid = exportOptions.deidentify ? deidentifier() : null;
        // A de-identified file's name carries no date either (dates are shifted inside).
        const fileName = deid
          ? 'seg-deidentified.dcm'
          : segFileName(source.study.date, source.seriesDescription);
        const srFileName = fileName.replace(/^seg-/, 'sr-');
        const finish = (bytes: Uint8Array, uid: string, file: string) => {
          if (!deid) return { bytes, uid };
          const out = deid.deidentifyPart10(bytes, file);
          if (!out.ok) throw new ExportFailure(out.error.code, out.error.message);
          return { bytes: out.value.bytes, uid: out.value.sopInstanceUid };
        };
        const segOut = finish(
          written.value.bytes,
          plan.value.input.segmentation.sopInstanceUid,
          fileName,
        );
        const srOut = report && finish(report.bytes, report.uid, srFileName);
        return {
          ok: true,
          value: {
            fileName,
            data: dicomBlob(segOut.bytes),
            sopInstanceUid: segOut.uid,
            frameCount: written.value.frameCount,
            segmentCount: plan.value.input.segments.length,
            omitted: plan.value.omitted,
            deidentified: deid !== null,
            report:
              report && srOut
                ? {
                    fileName: srFileName,
                    data: dicomBlob(srOut.bytes),
                    sopInstanceUid: srOut.uid,
                    lesionCount: report.lesions,
                    findingCount: report.findings,
                  }
                : null,
          },
        };
      } catch (thrown) {
        return failure(thrown);
      }
    },
    async listFor(seriesId) {
      try {
        return { ok: true, value: await client.listSegmentationFiles(seriesId) };
      } catch (thrown) {
        return failure(thrown);
      }
    },
    async listReportsFor(seriesId) {
      try {
        return { ok: true, value: await client.listMeasurementReports(seriesId) };
      } catch (thrown) {
        return failure(thrown);
      }
    },
    canOpenReports: options.openReport !== undefined,
    async openReport(seriesId, summary) {
      try {
        if (!options.openReport)
          return failure(new ExportFailure('NO_REPORT_READER', 'no plugin opens reports'));
        // SEG segment labels by instance and segment number (the SEG's segments in order).
        const segs = await client.listSegmentationFiles(seriesId);
        const labelOf = (sop: string, segmentNumber: number) =>
          segs.find((s) => s.sopInstanceUid === sop)?.segmentLabels[segmentNumber - 1] ?? null;
        const message = await options.openReport(openedReportFrom(summary.report, labelOf));
        return { ok: true, value: message };
      } catch (thrown) {
        return failure(thrown);
      }
    },
    async load(session, file) {
      try {
        const imported = await client.readSegmentationFile(file, seriesIdOfKey(session.seriesKey));
        const segments = segmentsFromSeg(imported.segments, segmentTypes, newUid);
        const name = file.seriesDescription || file.contentLabel || 'DICOM SEG';
        session.replaceAll(segments, imported.labels, `Load ${name}`);
        return { ok: true, value: { segmentCount: segments.length, warnings: imported.warnings } };
      } catch (thrown) {
        return failure(thrown);
      }
    },
    onFilesChanged: options.onFilesChanged,
  };
}
