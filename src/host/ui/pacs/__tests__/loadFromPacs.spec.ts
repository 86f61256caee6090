import { describe, expect, it } from 'vitest';
import type { SeriesRecord } from '../../../../datasource/dicomweb/types';
import type { SeriesSummary } from '../../../../plugin-api';
import type { SeriesPreview } from '../createSeriesPreview';
import {
  loadSeriesFromPacs,
  orderForLoading,
  summariseLoad,
  type PacsLoadHost,
  type PacsSeriesChoice,
} from '../loadFromPacs';

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

describe('loadSeriesFromPacs with a preview', () => {
  type Event = string;
  /** Records what the load tells the preview (the throttled decoder is tested on its own). */
  function recordingPreview(events: Event[]): SeriesPreview {
    let current: string | null = null;
    return {
      start: (s) => {
        current = s.seriesInstanceUid;
        events.push(`start ${s.label} (${s.total})`);
      },
      arrived: () => events.push(`arrived ${current}`),
      stop: () => {
        if (current) events.push(`stop ${current}`);
        current = null;
      },
      current: () => current,
    };
  }

  const summary = (record: PacsSeriesChoice, kind: SeriesSummary['kind']): SeriesSummary => ({
    id: record.seriesInstanceUid,
    seriesInstanceUid: record.seriesInstanceUid,
    studyInstanceUid: record.studyInstanceUid,
    modality: record.modality,
    description: record.seriesDescription,
    number: record.seriesNumber,
    kind,
    frameCount: record.numberOfInstances ?? 0,
    frameOfReferenceUid: null,
    dimensions: null,
    spacingMm: null,
    contrastAgent: null,
    warnings: [],
  });

  /** A PACS that streams each series' instances, and a host that ingests and displays. */
  function scenario(records: Array<[PacsSeriesChoice, SeriesSummary['kind']]>) {
    const events: Event[] = [];
    const loaded: SeriesSummary[] = [];
    let displayed: SeriesSummary | null = null;
    const client = {
      retrieveSeries: async (
        record: Pick<SeriesRecord, 'seriesInstanceUid'>,
        options?: { onInstance?: (file: { name: string; blob: Blob }) => void },
      ) => {
        const count = records.find(([r]) => r.seriesInstanceUid === record.seriesInstanceUid)![0]
          .numberOfInstances!;
        const files = Array.from({ length: count }, (_, i) => ({
          name: `${i}.dcm`,
          blob: new Blob([String(i)]),
        }));
        // Instances arrive one by one, the previous series' ingest running meanwhile.
        for (const file of files) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          options?.onInstance?.(file);
        }
        return files;
      },
    };
    const host: PacsLoadHost = {
      loadSource: async (source) => {
        const uid = source.id.replace(/^pacs:/, '');
        const [record, kind] = records.find(([r]) => r.seriesInstanceUid === uid)!;
        loaded.push(summary(record, kind));
        events.push(`ingested ${uid}`);
      },
      patients: () => [
        {
          patientId: 'P',
          patientName: 'P',
          studies: [
            { studyInstanceUid: 's', date: null, description: '', modalities: [], series: loaded },
          ],
        },
      ],
      displayed: () => (displayed ? { series: displayed, layout: 'stack' as const } : null),
      display: async (id) => {
        displayed = loaded.find((s) => s.id === id) ?? null;
        events.push(`display ${id}`);
      },
    };
    return { events, client, host };
  }

  it('previews the first image series until it is displayed, never SEG/SR or later series', async () => {
    const ct = series('20240725', 'CT', 3, 2);
    const seg = series('20240725', 'SEG', 1, 90);
    const later = series('20240812', 'CT', 2, 2);
    const { events, client, host } = scenario([
      [ct, 'volume'],
      [seg, 'seg'],
      [later, 'volume'],
    ]);
    const report = await loadSeriesFromPacs(client, [later, seg, ct], host, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
      preview: recordingPreview(events),
    });
    expect(report.seriesLoaded).toBe(3);
    expect(events.slice(0, 7)).toEqual([
      'start CT CT 2 (3)',
      'arrived 20240725-2',
      'arrived 20240725-2',
      'arrived 20240725-2',
      'ingested 20240725-2',
      'display 20240725-2',
      'stop 20240725-2',
    ]);
    expect(events.filter((e) => /^(start|arrived|stop)/.test(e))).toHaveLength(5);
  });

  it('moves the preview on when the first image series is not a volume', async () => {
    const single = series('20240725', 'CT', 1, 1);
    const ct = series('20240812', 'CT', 4, 2);
    const { events, client, host } = scenario([
      [single, 'single'],
      [ct, 'volume'],
    ]);
    await loadSeriesFromPacs(client, [single, ct], host, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
      preview: recordingPreview(events),
    });
    expect(events.filter((e) => /^(start|stop|display)/.test(e))).toEqual([
      'start CT CT 1 (1)',
      'stop 20240725-1',
      'start CT CT 2 (4)',
      'display 20240812-2',
      'stop 20240812-2',
    ]);
  });
});
