import { createTextReader, readString } from '../readAttributes.ts';
import { readDataSet } from '../readDataSet.ts';
import { TAG } from '../tags.ts';
import { toIngestError } from '../toIngestError.ts';
import type { Series } from '../types.ts';
import { SEG_TAG } from './segTags.ts';
import type { SegError, SegResult } from './types.ts';
import type { SegWriterInput } from './writeSegmentation.ts';

/**
 * What a SEG written over an image volume copies from it: the grid, the source image of every
 * slice, and the Patient and General Study attributes (PS3.3 A.51.3: a SEG belongs to the
 * study of its source images). Plain data: it crosses from the ingest worker to the page.
 */
export interface SegSourceDescription {
  /** The ingest Series.id the description is of. */
  readonly seriesId: string;
  readonly seriesDescription: string;
  readonly modality: string;
  readonly grid: Required<SegWriterInput['grid']>;
  readonly source: SegWriterInput['source'];
  readonly patient: SegWriterInput['patient'];
  readonly study: SegWriterInput['study'];
}

const missing = (message: string): { ok: false; error: SegError } => ({
  ok: false,
  error: { code: 'MISSING_ATTRIBUTE', message },
});

/**
 * The grid, per-slice source references and patient / study attributes of an ingested image
 * volume, for `writeSegmentation`. Slices are in grid order (sorted along the normal, as the
 * editor's labelmap); a frame of a multi-frame image is referenced with its frame number. The
 * patient and study values are the source's own DICOM strings (DA, TM, PN as stored), read
 * from its first instance.
 */
export function describeSegSource(series: Series): SegResult<SegSourceDescription> {
  const g = series.geometry;
  if (series.kind !== 'volume' || !g)
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `series ${series.id} is not a regular image volume: a SEG cannot be drawn on it`,
      },
    };
  if (!series.frameOfReferenceUid)
    return missing(`series ${series.id} has no FrameOfReferenceUID, which a SEG must share`);
  const first = series.instances[0];
  if (!first || series.frames.length !== g.dimensions[2])
    return missing(
      `series ${series.id} has ${series.frames.length} frames for ${g.dimensions[2]} slices`,
    );
  let header;
  try {
    header = readDataSet(first.bytes).dataSet;
  } catch (thrown) {
    const error = toIngestError(thrown, first.file);
    return {
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: error.message, file: first.file },
    };
  }
  const text = createTextReader(header);
  const thickness = series.frames[0]?.attributes.sliceThicknessMm ?? first.sliceThicknessMm;
  return {
    ok: true,
    value: {
      seriesId: series.id,
      seriesDescription: series.description,
      modality: series.modality,
      grid: {
        dimensions: g.dimensions,
        spacingMm: g.spacing,
        originMm: g.origin,
        direction: g.direction,
        slicePositionsMm: g.slicePositionsMm,
      },
      source: {
        studyInstanceUid: readString(header, TAG.StudyInstanceUID),
        seriesInstanceUid: series.seriesInstanceUid,
        frameOfReferenceUid: series.frameOfReferenceUid,
        slices: series.frames.map((f) => ({
          sopClassUid: f.instance.sopClassUid,
          sopInstanceUid: f.instance.sopInstanceUid,
          ...(f.instance.numberOfFrames > 1 ? { frameNumber: f.frameIndex + 1 } : {}),
        })),
        ...(thickness !== null && thickness > 0 ? { sliceThicknessMm: thickness } : {}),
      },
      patient: {
        name: text(header, TAG.PatientName),
        id: text(header, TAG.PatientID),
        birthDate: readString(header, TAG.PatientBirthDate),
        sex: readString(header, TAG.PatientSex),
      },
      study: {
        date: readString(header, TAG.StudyDate),
        time: readString(header, TAG.StudyTime),
        id: text(header, SEG_TAG.StudyID),
        accessionNumber: text(header, TAG.AccessionNumber),
        referringPhysicianName: text(header, SEG_TAG.ReferringPhysicianName),
        description: text(header, TAG.StudyDescription),
      },
    },
  };
}
