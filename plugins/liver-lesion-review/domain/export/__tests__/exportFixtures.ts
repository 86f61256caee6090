/** A small two-date review and its export, shared by the export tests. */
import {
  buildLesionReview,
  type ObservedLesion,
  type ReviewTimepoint,
} from '../../quantify/buildLesionReview';
import type { Vec3 } from '../../quantify/types';
import { buildReviewExport } from '../buildReviewExport';

/** A spherical lesion of diameter d (mm) at c: volume πd³/6 mm³. */
function sphere(key: string, c: Vec3, d: number, label = `Lesion ${key}`): ObservedLesion {
  return {
    key,
    label,
    trackingId: null,
    trackingUid: `2.25.${key}${d}`,
    statistics: {
      voxelCount: 1000 + d,
      volumeMl: (Math.PI * d ** 3) / 6 / 1000,
      mean: 51.234,
      sd: 10.005,
      min: -12.5,
      max: 80,
      centroidMm: c,
      longestAxial: { lengthMm: d, fromMm: c, toMm: c, slice: 0 },
      shortAxis: { lengthMm: d * 0.8, fromMm: c, toMm: c, slice: 0 },
      maximum3dDiameterMm: d,
    },
  };
}

const tp = (date: string, lesions: ObservedLesion[]): ReviewTimepoint => ({
  date,
  seriesId: `ct-${date}`,
  frameOfReferenceUid: 'F',
  liverCentroidMm: null,
  lesions,
});

const dateInfo = (date: string) => ({
  date,
  studyInstanceUid: `1.2.${date.replace(/-/g, '')}`,
  seriesInstanceUid: `1.2.${date.replace(/-/g, '')}.2`,
  modality: 'CT',
  seriesDescription: 'Abdomen PV',
});

// July: L1 (28 mm) and L2 (20 mm); August: L1 grown to 36 mm, L2 gone, a new 12 mm L3.
export const TIMEPOINTS = [
  tp('2024-07-25', [sphere('1', [-82, 24, -76], 28), sphere('2', [-48, -26, -62], 20)]),
  tp('2024-08-12', [sphere('1', [-81, 24, -76], 36), sphere('3', [-14, 10, -40], 12)]),
];
export const EXPORT = buildReviewExport({
  patientId: 'LLR-SAMPLE-004',
  review: buildLesionReview(TIMEPOINTS),
  timepoints: TIMEPOINTS,
  dates: [dateInfo('2024-08-12'), dateInfo('2024-07-25'), dateInfo('2024-10-07')],
  couinaud: { L1: 'VII' },
  exportedAt: '2024-10-08T09:00:00.000Z',
  generator: 'test',
});
