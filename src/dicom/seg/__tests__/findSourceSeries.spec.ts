import { describe, expect, it } from 'vitest';
import { makeSlice } from '../../__tests__/fixtures.ts';
import { ingestFiles } from '../../ingestFiles.ts';
import type { Series } from '../../types.ts';
import { findSourceSeries } from '../findSourceSeries.ts';
import { parseSegmentation } from '../parseSegmentation.ts';
import {
  FRAME_OF_REFERENCE_UID,
  handBuiltSeg,
  instanceUidOf,
  SOURCE_SERIES_UID,
  type HandSegOptions,
  type SmallGrid,
} from './segFixtures.ts';

const GRID: SmallGrid = {
  columns: 5,
  rows: 3,
  slices: 4,
  spacing: [0.7, 0.8, 2.5],
  origin: [-10, -20, -30],
};
const PIXELS = new Array<number>(15).fill(0).map((_, p) => (p === 3 ? 1 : 0));

/** The source CT (4 slices) and a decoy series of the same size elsewhere in space. */
function candidates(): Series[] {
  const slice = (k: number, series: string, z0: number, uid: string) =>
    makeSlice({
      rows: 3,
      columns: 5,
      pixelSpacing: [0.8, 0.7],
      position: [-10, -20, z0 + 2.5 * k],
      seriesUid: series,
      sopInstanceUid: uid,
      frameOfReferenceUid: FRAME_OF_REFERENCE_UID,
      instanceNumber: k + 1,
    });
  const files = [0, 1, 2, 3].flatMap((k) => [
    slice(k, '1.2.3.77', 100, `1.2.3.77.${k + 1}`),
    slice(k, SOURCE_SERIES_UID, -30, instanceUidOf(k)),
  ]);
  return ingestFiles(files).patients.flatMap((p) => p.studies.flatMap((s) => s.series));
}

function seg(options: Partial<HandSegOptions>) {
  const parsed = parseSegmentation(
    handBuiltSeg(GRID, { frames: [{ k: 2, pixels: PIXELS }], ...options }),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('findSourceSeries', () => {
  it('takes the series named in ReferencedSeriesSequence', () => {
    const match = findSourceSeries(seg({ referencedSeries: true }), candidates());
    expect(match?.method).toBe('referenced-series');
    expect(match?.series.seriesInstanceUid).toBe(SOURCE_SERIES_UID);
  });

  it('else the series holding the frames’ source images', () => {
    const match = findSourceSeries(seg({}), candidates());
    expect(match?.method).toBe('source-images');
    expect(match?.series.seriesInstanceUid).toBe(SOURCE_SERIES_UID);
  });

  it('else a volume of the frame of reference on whose slices every frame lies', () => {
    const match = findSourceSeries(
      seg({ frames: [{ k: 2, pixels: PIXELS, reference: false }] }),
      candidates(),
    );
    expect(match?.method).toBe('frame-of-reference');
    expect(match?.series.seriesInstanceUid).toBe(SOURCE_SERIES_UID);
  });

  it('finds nothing for frames between slices in another frame of reference', () => {
    const lost = seg({
      frameOfReferenceUid: '1.2.3.4.5',
      frames: [{ k: 0, pixels: PIXELS, reference: false, position: [-10, -20, -31] }],
    });
    expect(findSourceSeries(lost, candidates())).toBeNull();
  });
});
