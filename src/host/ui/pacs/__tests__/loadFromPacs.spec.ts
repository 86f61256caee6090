import { describe, expect, it } from 'vitest';
import { orderForLoading, summariseLoad, type PacsSeriesChoice } from '../loadFromPacs';

const series = (
  studyDate: string,
  modality: string,
  instances: number | null,
  number: number,
): PacsSeriesChoice => ({
  studyDate,
  studyInstanceUid: `study-${studyDate}`,
  seriesInstanceUid: `${studyDate}-${number}`,
  modality,
  seriesNumber: number,
  seriesDescription: `${modality} ${number}`,
  numberOfInstances: instances,
});

describe('orderForLoading', () => {
  it('loads the oldest study first, its main image series before localizers and SEG/SR', () => {
    const ordered = orderForLoading([
      series('20241007', 'CT', 50, 2),
      series('20240725', 'SEG', 1, 90),
      series('20240725', 'CT', 1, 1),
      series('20240812', 'CT', 100, 2),
      series('20240725', 'CT', 200, 2),
      series('20240725', 'SR', 1, 91),
    ]);
    expect(ordered.map((s) => s.seriesInstanceUid)).toEqual([
      '20240725-2',
      '20240725-1',
      '20240725-90',
      '20240725-91',
      '20240812-2',
      '20241007-2',
    ]);
  });
});

describe('summariseLoad', () => {
  it('says what was loaded, cancelled and why the rest was not', () => {
    expect(
      summariseLoad({
        seriesLoaded: 3,
        seriesTotal: 3,
        failed: [],
        cancelled: false,
        stoppedBy: null,
      }),
    ).toEqual({ text: 'Loaded 3 of 3 series from the PACS.', error: false });
    expect(
      summariseLoad({
        seriesLoaded: 1,
        seriesTotal: 4,
        failed: [{ series: 'CT Abdomen', message: 'HTTP 500 (HTTP_ERROR)' }],
        cancelled: true,
        stoppedBy: null,
      }),
    ).toEqual({
      text: 'Loaded 1 of 4 series from the PACS. Loading was cancelled; the loaded series stay open. Not loaded: CT Abdomen: HTTP 500 (HTTP_ERROR).',
      error: true,
    });
  });
});
