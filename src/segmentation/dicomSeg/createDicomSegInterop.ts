import { version } from '../../../package.json';
import { writeSegmentation } from '../../dicom/seg';
import type { IngestClient } from '../../datasource/createIngestClient';
import type { SegFileSummary } from '../../datasource/segmentationRequests';
import { seriesIdOfKey } from '../createSegmentEditor';
import { newTrackingUid, type SegmentationSession } from '../createSegmentationSession';
import type { SegmentTypeContribution } from '../types';
import { buildSegWriterInput } from './buildSegWriterInput';
import { segmentsFromSeg } from './segmentsFromSeg';

export type { SegFileSummary };

export interface SegExport {
  readonly fileName: string;
  readonly data: Blob;
  readonly frameCount: number;
  readonly segmentCount: number;
  /** Segments left out, with why. */
  readonly omitted: ReadonlyArray<{ readonly label: string; readonly reason: string }>;
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
  exportSession(session: SegmentationSession): Promise<DicomSegResult<SegExport>>;
  /** The loaded SEG objects drawn on a series. */
  listFor(seriesId: string): Promise<DicomSegResult<readonly SegFileSummary[]>>;
  /** Replaces a session's segments with a loaded SEG's (one undo step; autosaved as any edit). */
  load(session: SegmentationSession, file: SegFileSummary): Promise<DicomSegResult<SegLoad>>;
  /** Files were added: lists of SEGs may have changed. */
  onFilesChanged(listener: () => void): () => void;
}

export interface DicomSegInteropOptions {
  readonly client: Pick<
    IngestClient,
    'describeSegSource' | 'listSegmentationFiles' | 'readSegmentationFile'
  >;
  readonly segmentTypes: readonly SegmentTypeContribution[];
  readonly onFilesChanged: (listener: () => void) => () => void;
  readonly now?: () => Date;
  /** A new UID (default: 2.25 form from a random UUID, PS3.5 B.2). */
  readonly newUid?: () => string;
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

export function createDicomSegInterop(options: DicomSegInteropOptions): DicomSegInterop {
  const { client, segmentTypes } = options;
  const now = options.now ?? (() => new Date());
  const newUid = options.newUid ?? newTrackingUid;
  return {
    async exportSession(session) {
      try {
        const source = await client.describeSegSource(seriesIdOfKey(session.seriesKey));
        const state = session.getState();
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
            createdAt: now(),
            softwareVersion: `liver-lesion-review ${version}`,
          },
        });
        if (!plan.ok) return plan;
        const written = writeSegmentation(plan.value.input);
        if (!written.ok) return written;
        return {
          ok: true,
          value: {
            fileName: segFileName(source.study.date, source.seriesDescription),
            data: new Blob([written.value.bytes as Uint8Array<ArrayBuffer>], {
              type: 'application/dicom',
            }),
            frameCount: written.value.frameCount,
            segmentCount: plan.value.input.segments.length,
            omitted: plan.value.omitted,
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
