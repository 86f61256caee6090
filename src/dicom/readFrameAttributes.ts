import type { DataSet } from 'dicom-parser';
import {
  readInteger,
  readNumber,
  readNumbers,
  readSequenceItem,
  readString,
} from './readAttributes.ts';
import { TAG } from './tags.ts';
import type { FrameAttributes, Orientation, Vec3 } from './types.ts';

function readPosition(dataSet: DataSet | null): Vec3 | null {
  if (!dataSet) return null;
  const values = readNumbers(dataSet, TAG.ImagePositionPatient, 3);
  return values ? [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0] : null;
}

function readOrientation(dataSet: DataSet | null): Orientation | null {
  if (!dataSet) return null;
  const v = readNumbers(dataSet, TAG.ImageOrientationPatient, 6);
  if (!v) return null;
  const o: Orientation = [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0, v[4] ?? 0, v[5] ?? 0];
  // A zero-length cosine cannot define a plane: treat as absent.
  const rowLength = Math.hypot(o[0], o[1], o[2]);
  const columnLength = Math.hypot(o[3], o[4], o[5]);
  return rowLength > 1e-6 && columnLength > 1e-6 ? o : null;
}

function readSpacing(dataSet: DataSet | null): [number, number] | null {
  if (!dataSet) return null;
  const v = readNumbers(dataSet, TAG.PixelSpacing, 2);
  if (!v) return null;
  const row = v[0] ?? 0;
  const column = v[1] ?? 0;
  return row > 0 && column > 0 ? [row, column] : null;
}

function readPositiveNumber(dataSet: DataSet | null, tag: string): number | null {
  if (!dataSet) return null;
  const value = readNumber(dataSet, tag);
  return value !== null && value > 0 ? value : null;
}

/** The first of per-frame item, shared item and top level that has the macro's sequence. */
function macro(
  perFrame: DataSet | null,
  shared: DataSet | null,
  sequenceTag: string,
): DataSet | null {
  return (
    (perFrame && readSequenceItem(perFrame, sequenceTag)) ||
    (shared && readSequenceItem(shared, sequenceTag)) ||
    null
  );
}

/** Attributes of a classic single-frame image (or a multi-frame one without functional groups). */
export function readTopLevelFrameAttributes(dataSet: DataSet): FrameAttributes {
  const slope = readNumber(dataSet, TAG.RescaleSlope);
  return {
    imagePositionPatient: readPosition(dataSet),
    imageOrientationPatient: readOrientation(dataSet),
    pixelSpacing: readSpacing(dataSet),
    sliceThicknessMm: readPositiveNumber(dataSet, TAG.SliceThickness),
    // A zero slope would erase the image: PS3.3 C.11.1.1.2 implies it is non-zero.
    rescaleSlope: slope !== null && slope !== 0 ? slope : 1,
    rescaleIntercept: readNumber(dataSet, TAG.RescaleIntercept) ?? 0,
    echoTimeMs: readNumber(dataSet, TAG.EchoTime),
    echoNumber: readInteger(dataSet, TAG.EchoNumbers),
    temporalPosition: readInteger(dataSet, TAG.TemporalPositionIdentifier),
    triggerTimeMs: readNumber(dataSet, TAG.TriggerTime),
    diffusionBValue: readNumber(dataSet, TAG.DiffusionBValue),
  };
}

/**
 * One FrameAttributes per frame. Enhanced multi-frame objects keep geometry and rescale in the
 * Per-frame and Shared Functional Groups (PS3.3 C.7.6.16); a per-frame macro overrides the
 * shared one, which overrides the top level.
 */
export function readFrameAttributes(dataSet: DataSet, numberOfFrames: number): FrameAttributes[] {
  const topLevel = readTopLevelFrameAttributes(dataSet);
  const shared = readSequenceItem(dataSet, TAG.SharedFunctionalGroupsSequence);
  const perFrameElement = dataSet.elements[TAG.PerFrameFunctionalGroupsSequence];
  if (!shared && !perFrameElement) {
    if (numberOfFrames === 1) return [topLevel];
    // Classic multi-frame (cine, NM): the top-level position is the first frame's only, so no
    // frame has a known position and the frames stay a stack in frame order.
    return Array.from({ length: numberOfFrames }, () => ({
      ...topLevel,
      imagePositionPatient: null,
    }));
  }
  const frames: FrameAttributes[] = [];
  for (let i = 0; i < numberOfFrames; i++) {
    const perFrame = readSequenceItem(dataSet, TAG.PerFrameFunctionalGroupsSequence, i);
    const position = readPosition(macro(perFrame, shared, TAG.PlanePositionSequence));
    const orientation = readOrientation(macro(perFrame, shared, TAG.PlaneOrientationSequence));
    const measures = macro(perFrame, shared, TAG.PixelMeasuresSequence);
    const transform = macro(perFrame, shared, TAG.PixelValueTransformationSequence);
    const content = macro(perFrame, shared, TAG.FrameContentSequence);
    const echo = macro(perFrame, shared, TAG.MREchoSequence);
    const diffusion = macro(perFrame, shared, TAG.MRDiffusionSequence);
    const slope = transform ? readNumber(transform, TAG.RescaleSlope) : null;
    frames.push({
      imagePositionPatient:
        position ?? (numberOfFrames === 1 ? topLevel.imagePositionPatient : null),
      imageOrientationPatient: orientation ?? topLevel.imageOrientationPatient,
      pixelSpacing: readSpacing(measures) ?? topLevel.pixelSpacing,
      sliceThicknessMm:
        readPositiveNumber(measures, TAG.SliceThickness) ?? topLevel.sliceThicknessMm,
      rescaleSlope: slope !== null && slope !== 0 ? slope : topLevel.rescaleSlope,
      rescaleIntercept:
        (transform ? readNumber(transform, TAG.RescaleIntercept) : null) ??
        topLevel.rescaleIntercept,
      echoTimeMs: (echo ? readNumber(echo, TAG.EffectiveEchoTime) : null) ?? topLevel.echoTimeMs,
      echoNumber: topLevel.echoNumber,
      temporalPosition:
        (content ? readInteger(content, TAG.TemporalPositionIndex) : null) ??
        topLevel.temporalPosition,
      triggerTimeMs: topLevel.triggerTimeMs,
      diffusionBValue:
        (diffusion ? readNumber(diffusion, TAG.DiffusionBValue) : null) ?? topLevel.diffusionBValue,
    });
  }
  return frames;
}

/** Rescale type of the first frame's transformation macro, else the top level. */
export function readRescaleType(dataSet: DataSet): string {
  const shared = readSequenceItem(dataSet, TAG.SharedFunctionalGroupsSequence);
  const firstFrame = readSequenceItem(dataSet, TAG.PerFrameFunctionalGroupsSequence, 0);
  const transform = macro(firstFrame, shared, TAG.PixelValueTransformationSequence);
  return (
    (transform && readString(transform, TAG.RescaleType)) || readString(dataSet, TAG.RescaleType)
  );
}
