import { describe, expect, it } from 'vitest';
import { assembleVolume, ingestFiles } from '../../dicom';
import { makeSeries } from '../../dicom/__tests__/fixtures';
import { formatPersonName, summarisePatients, toDisplayVolume } from '../summarise';

describe('formatPersonName', () => {
  it('turns a DICOM PN into "Family, Given Middle"', () => {
    expect(formatPersonName('SAMPLE^LIVER')).toBe('SAMPLE, LIVER');
    expect(formatPersonName('Doe^John^Q^^')).toBe('Doe, John Q');
    expect(formatPersonName('Yamada^Tarou=山田^太郎')).toBe('Yamada, Tarou');
    expect(formatPersonName('')).toBe('');
  });
});

describe('toDisplayVolume', () => {
  it('gives each slice its own position, in sorted order, for a reversed series', () => {
    // Files in descending z: ingest sorts them ascending along the normal (0,0,1).
    const files = makeSeries(
      [
        [10, 20, 9],
        [10, 20, 6],
        [10, 20, 3],
      ],
      { rows: 2, columns: 3, pixelSpacing: [0.5, 0.8], studyDate: '20240725' },
      (i) => ({ fill: 100 + i }),
    );
    const result = ingestFiles(files);
    const study = result.patients[0]?.studies[0];
    const series = study?.series[0];
    if (!study || !series) throw new Error('no series');
    const volume = assembleVolume(series);
    if (!volume.ok) throw new Error(volume.error.message);
    const display = toDisplayVolume(series, volume.value, study.studyInstanceUid);
    expect(display.slicePositions).toEqual([
      [10, 20, 3],
      [10, 20, 6],
      [10, 20, 9],
    ]);
    expect(display.dimensions).toEqual([3, 2, 3]);
    expect(display.spacing).toEqual([0.8, 0.5, 3]);
    expect(display.isVolume).toBe(true);
    // Slice 0 is the file written last (z = 3, fill 102).
    expect(display.data[0]).toBe(102);
    expect(display.key).toBe(series.id);
  });
});

describe('summarisePatients', () => {
  it('lists studies by date with their modalities and no pixel data', () => {
    const ct = makeSeries(
      [
        [0, 0, 0],
        [0, 0, 1],
      ],
      { studyDate: '20240812', studyUid: '1.2.3', modality: 'CT' },
    );
    const result = ingestFiles(ct);
    const [patient] = summarisePatients(result);
    expect(patient?.studies[0]?.date).toBe('2024-08-12');
    expect(patient?.studies[0]?.modalities).toEqual(['CT']);
    const series = patient?.studies[0]?.series[0];
    expect(series?.kind).toBe('volume');
    expect(series?.frameCount).toBe(2);
    expect(JSON.stringify(patient)).not.toContain('bytes');
  });
});
