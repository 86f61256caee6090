/**
 * The CT localizer (scout): one coronal projection image in its own series, as scanners write
 * before the axial acquisition. Ingest must keep it out of volumes.
 */
import type { NaturalDataset } from 'dcmjs';
import { ctGeometry, ctHeader, resolveCt, type CtSeriesOptions } from './ctSeries.ts';
import { addSeconds, CT_IMAGE_STORAGE, imageModules } from './modules.ts';
import { addGaussianNoise, hashSeed } from './prng.ts';
import { paintPlane, type Vec3 } from './raster.ts';
import {
  encode,
  fileName,
  planeFor,
  quantise,
  topLeftFor,
  type GeneratedFile,
  type SeriesGeometry,
  type StorageInfo,
} from './series.ts';
import type { TissueTable } from './tissues.ts';

const CORONAL: [number, number, number, number, number, number] = [1, 0, 0, 0, 0, -1];

export const LOCALIZER = {
  rows: 512,
  columns: 512,
  pixelSpacingMm: 0.78125,
  centreMm: [0, 0, -100] as Vec3,
  rayStepMm: 2,
  scale: 8,
  noiseSigma: 4,
};

/**
 * Coronal CT localizer: a parallel projection along y of max(0, (HU + 1000) / 1000) · step, in
 * units of 1/8 mm water-equivalent path (stored values, slope 1, intercept 0).
 */
export function buildLocalizer(options: CtSeriesOptions): {
  file: GeneratedFile;
  geometry: SeriesGeometry;
} {
  const r = resolveCt(options);
  const L = LOCALIZER;
  const spacing: [number, number] = [L.pixelSpacingMm, L.pixelSpacingMm];
  const origin = topLeftFor(L.centreMm, L.rows, L.columns, CORONAL, spacing);
  const n = L.rows * L.columns;
  const sum = new Float32Array(n);
  const buf = new Float32Array(n);
  const valueOf = (t: keyof TissueTable) => r.tissues[t];
  for (let y = -112; y <= 112; y += L.rayStepMm) {
    buf.fill(r.tissues.air);
    paintPlane(
      planeFor(L.rows, L.columns, [origin[0], y, origin[2]], CORONAL, spacing),
      buf,
      r.parts,
      valueOf,
    );
    for (let i = 0; i < n; i++) {
      const mu = ((buf[i] as number) + 1000) / 1000;
      if (mu > 0) sum[i] = (sum[i] as number) + mu * L.rayStepMm * L.scale;
    }
  }
  addGaussianNoise(
    sum,
    LOCALIZER.noiseSigma,
    hashSeed(r.key.patient, r.key.study, r.key.series, 0),
  );
  const storage: StorageInfo = {
    bitsStored: 12,
    pixelRepresentation: 0,
    rescaleIntercept: 0,
    rescaleSlope: 1,
  };
  const pixels = quantise(sum, storage);
  const description = options.seriesDescription ?? 'Topogram 0.6 coronal';
  const header = ctHeader(r, description);
  const dataset: NaturalDataset = {
    ...header,
    ...imageModules(CT_IMAGE_STORAGE, {
      key: r.key,
      instanceNumber: 1,
      imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
      date: r.date,
      time: addSeconds(r.time, -120),
      acquisitionNumber: 1,
      rows: L.rows,
      columns: L.columns,
      pixelSpacing: spacing,
      orientation: CORONAL,
      position: origin,
      sliceThickness: 0.6,
      bitsStored: 12,
      signed: false,
      window: { centre: 1100, width: 2200, explanation: 'TOPOGRAM' },
      pixels,
    }),
    RescaleIntercept: '0',
    RescaleSlope: '1',
    XRayTubeCurrent: '30',
    Exposure: '4',
    ExposureTime: '3400',
    TableHeight: '150',
  };
  const geometry: SeriesGeometry = {
    ...ctGeometry(r, 'ct-localizer', description, ''),
    rows: L.rows,
    columns: L.columns,
    slices: 1,
    pixelSpacingMm: spacing,
    sliceSpacingMm: 0,
    sliceThicknessMm: 0.6,
    imageOrientationPatient: CORONAL,
    firstImagePositionPatient: origin,
    lastImagePositionPatient: origin,
    storage,
    noiseSigma: L.noiseSigma,
    units: 'projection',
  };
  return { file: { name: fileName(1), bytes: encode(dataset) }, geometry };
}
