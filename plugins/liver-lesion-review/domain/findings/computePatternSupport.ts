import { COUINAUD_ORDER, type CouinaudSegment, type PatternSupport } from './types';

export interface PatternSupportInput {
  /** Each lesion's volume and the Couinaud segment the reader recorded (null if none). */
  readonly lesions: readonly {
    readonly volumeMl: number;
    readonly segment: CouinaudSegment | null;
  }[];
  /** Volume of the Liver segment, null when there is none. */
  readonly liverVolumeMl: number | null;
  /**
   * Whether the Liver segment's voxels include the lesions. Painting lesions over the liver
   * with "overwrite other segments" removes them from it; then the whole liver is the sum.
   */
  readonly liverVolumeIncludesLesions: boolean;
}

/**
 * Figures behind a nodular/diffuse/mixed pattern: lesion count, fraction of the liver volume
 * involved, Couinaud segments involved. They support the reader's pattern, never choose it.
 */
export function computePatternSupport(input: PatternSupportInput): PatternSupport {
  const lesions = input.lesions.filter((l) => l.volumeMl > 0);
  const totalLesionVolumeMl = lesions.reduce((s, l) => s + l.volumeMl, 0);
  const warnings: string[] = [];
  const liver = input.liverVolumeMl;
  const liverVolumeMl =
    liver === null || liver <= 0
      ? null
      : input.liverVolumeIncludesLesions
        ? liver
        : liver + totalLesionVolumeMl;
  if (liver !== null && liver <= 0) warnings.push('Liver volume is 0: no fraction computed.');
  let fraction = liverVolumeMl === null ? null : totalLesionVolumeMl / liverVolumeMl;
  if (fraction !== null && fraction > 1) {
    warnings.push(
      'Lesion volume exceeds the liver volume: check whether the Liver segment includes the lesions.',
    );
    fraction = null;
  }
  const recorded = new Set(lesions.map((l) => l.segment).filter((s) => s !== null));
  return {
    lesionCount: lesions.length,
    totalLesionVolumeMl,
    liverVolumeMl,
    fractionOfLiverInvolved: fraction,
    segmentsInvolved: COUINAUD_ORDER.filter((s) => recorded.has(s)),
    lesionsWithoutSegment: lesions.filter((l) => l.segment === null).length,
    warnings,
  };
}
