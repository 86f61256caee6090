import {
  columnCosine,
  dot,
  median,
  RELATIVE_SPACING_TOLERANCE,
  rowCosine,
  sliceNormal,
} from './geometryMath.ts';
import type { FrameRef, IngestWarningCode, Vec3, VolumeGeometry } from './types.ts';

export interface GeometryWarning {
  code: IngestWarningCode;
  message: string;
}

function differsFrom(value: number, reference: number): boolean {
  return Math.abs(value - reference) > RELATIVE_SPACING_TOLERANCE * reference;
}

const mm = (value: number): string => `${Number(value.toFixed(3))} mm`;

/**
 * Geometry of frames already sorted along the normal, sharing orientation, size and pixel
 * spacing, at distinct positions. Slice spacing is the median gap between positions, never
 * SliceThickness (often missing, or the reconstruction thickness rather than the spacing).
 * Returns null when the first frame lacks position, orientation or pixel spacing.
 */
export function computeVolumeGeometry(
  frames: readonly FrameRef[],
): { geometry: VolumeGeometry; warnings: GeometryWarning[] } | null {
  const first = frames[0];
  if (!first) return null;
  const {
    imagePositionPatient: origin,
    imageOrientationPatient: orientation,
    pixelSpacing,
  } = first.attributes;
  if (!origin || !orientation || !pixelSpacing) return null;
  const warnings: GeometryWarning[] = [];
  const row = rowCosine(orientation);
  const column = columnCosine(orientation);
  const normal = sliceNormal(orientation);
  const positions = frames.map((frame) => frame.positionMm ?? 0);
  const gaps: number[] = [];
  for (let k = 1; k < positions.length; k++)
    gaps.push((positions[k] ?? 0) - (positions[k - 1] ?? 0));

  const thickness = first.attributes.sliceThicknessMm;
  const declaredSpacing = first.instance.spacingBetweenSlicesMm;
  let sliceSpacingMm: number;
  let maxSpacingDeviationMm = 0;
  let spacingIrregular = false;
  if (gaps.length === 0) {
    sliceSpacingMm = declaredSpacing && declaredSpacing > 0 ? declaredSpacing : (thickness ?? 1);
  } else {
    sliceSpacingMm = median(gaps);
    for (const gap of gaps) {
      maxSpacingDeviationMm = Math.max(maxSpacingDeviationMm, Math.abs(gap - sliceSpacingMm));
    }
    spacingIrregular = maxSpacingDeviationMm > RELATIVE_SPACING_TOLERANCE * sliceSpacingMm;
    if (spacingIrregular) {
      let missing = 0;
      for (const gap of gaps) {
        if (gap > 1.5 * sliceSpacingMm) missing += Math.round(gap / sliceSpacingMm) - 1;
      }
      warnings.push({
        code: 'IRREGULAR_SPACING',
        message:
          `slice gaps range ${mm(Math.min(...gaps))}–${mm(Math.max(...gaps))} around a median of ` +
          `${mm(sliceSpacingMm)} (max deviation ${mm(maxSpacingDeviationMm)})` +
          (missing > 0 ? `; about ${missing} slice(s) appear to be missing` : ''),
      });
    }
    if (thickness !== null && differsFrom(thickness, sliceSpacingMm)) {
      warnings.push({
        code: 'SLICE_THICKNESS_MISMATCH',
        message: `SliceThickness ${mm(thickness)} differs from the spacing ${mm(sliceSpacingMm)} between positions; positions are used`,
      });
    }
    if (
      declaredSpacing !== null &&
      declaredSpacing > 0 &&
      differsFrom(declaredSpacing, sliceSpacingMm)
    ) {
      warnings.push({
        code: 'SLICE_THICKNESS_MISMATCH',
        message: `SpacingBetweenSlices ${mm(declaredSpacing)} differs from the spacing ${mm(sliceSpacingMm)} between positions; positions are used`,
      });
    }
  }

  // Positions off the normal line mean a tilted gantry or shifted table: the grid is sheared.
  let maxInPlaneOffsetMm = 0;
  for (const frame of frames) {
    const p = frame.attributes.imagePositionPatient;
    if (!p) continue;
    const d: Vec3 = [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]];
    const along = dot(d, normal);
    const offset = Math.hypot(
      d[0] - along * normal[0],
      d[1] - along * normal[1],
      d[2] - along * normal[2],
    );
    maxInPlaneOffsetMm = Math.max(maxInPlaneOffsetMm, offset);
  }
  if (maxInPlaneOffsetMm > 0.5 * Math.min(pixelSpacing[0], pixelSpacing[1])) {
    warnings.push({
      code: 'SHEARED_GEOMETRY',
      message: `slice positions drift up to ${mm(maxInPlaneOffsetMm)} off the slice normal (gantry tilt or table shift); the volume grid ignores the shear`,
    });
  }
  const frameOfReferenceUids = new Set(frames.map((frame) => frame.instance.frameOfReferenceUid));
  if (frameOfReferenceUids.size > 1) {
    warnings.push({
      code: 'MIXED_FRAME_OF_REFERENCE',
      message: `slices declare ${frameOfReferenceUids.size} different FrameOfReferenceUIDs`,
    });
  }

  return {
    geometry: {
      dimensions: [first.instance.columns, first.instance.rows, frames.length],
      spacing: [pixelSpacing[1], pixelSpacing[0], sliceSpacingMm],
      origin: [origin[0], origin[1], origin[2]],
      direction: [...row, ...column, ...normal],
      slicePositionsMm: positions,
      sliceSpacingMm,
      spacingIrregular,
      maxSpacingDeviationMm,
    },
    warnings,
  };
}
