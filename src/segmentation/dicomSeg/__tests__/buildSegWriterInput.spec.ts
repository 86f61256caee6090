import { describe, expect, it } from 'vitest';
import { buildSegWriterInput, toDicomDate, toDicomTime } from '../buildSegWriterInput';
import { SOURCE, TYPES, segment } from './fixtures';

const IDENTITY = {
  seriesInstanceUid: '2.25.1',
  sopInstanceUid: '2.25.2',
  dimensionOrganizationUid: '2.25.3',
  createdAt: new Date(2024, 9, 7, 8, 5, 9),
  softwareVersion: 'test 1',
};

function plan(
  segments: Parameters<typeof buildSegWriterInput>[0]['segments'],
  counts: Record<number, number>,
) {
  return buildSegWriterInput({
    segments,
    voxelCounts: new Map(Object.entries(counts).map(([k, v]) => [Number(k), v])),
    labels: new Uint8Array(24),
    dimensions: [4, 3, 2],
    segmentTypes: TYPES,
    source: SOURCE,
    identity: IDENTITY,
  });
}

describe('buildSegWriterInput', () => {
  it('writes each segment with its type codes, colour and a lesion tracking identity', () => {
    const result = plan(
      [
        segment({ index: 2, label: 'Liver', typeId: 'liver', color: [1, 2, 3] }),
        segment({ index: 5, label: 'Lesion 1', trackingId: 'L1', trackingUid: '2.25.77' }),
      ],
      { 2: 10, 5: 3 },
    );
    if (!result.ok) throw new Error(result.error.message);
    const [liver, lesion] = result.value.input.segments;
    expect(liver).toEqual({
      labelValue: 2,
      label: 'Liver',
      category: TYPES[1]!.category,
      type: TYPES[1]!.type,
      algorithmType: 'MANUAL',
      colorRgb: [1, 2, 3],
    });
    expect(lesion).toMatchObject({
      labelValue: 5,
      type: { codeValue: '52988006', codingSchemeDesignator: 'SCT' },
      trackingId: 'L1',
      trackingUid: '2.25.77',
    });
    expect(result.value.input.source).toBe(SOURCE.source);
    expect(result.value.input.patient).toBe(SOURCE.patient);
    expect(result.value.input.segmentation).toMatchObject({
      seriesInstanceUid: '2.25.1',
      contentDate: '20241007',
      contentTime: '080509',
      seriesDescription: 'Segmentation of Abdomen PV',
    });
  });

  it('leaves out segments without voxels and fails when none is left', () => {
    const result = plan(
      [segment({ index: 1, label: 'Empty' }), segment({ index: 2, label: 'Painted' })],
      { 2: 1 },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.input.segments.map((s) => s.label)).toEqual(['Painted']);
    expect(result.value.omitted).toEqual([{ label: 'Empty', reason: 'no voxels' }]);
    const none = plan([segment({ index: 1 })], {});
    expect(none.ok ? null : none.error.code).toBe('NOTHING_TO_EXPORT');
  });

  it('writes back the codes and algorithm a segment was loaded with when no type has them', () => {
    const kidney = { codeValue: '64033007', codingSchemeDesignator: 'SCT', codeMeaning: 'Kidney' };
    const result = plan(
      [
        segment({
          index: 1,
          typeId: 'seg:SCT|64033007',
          imported: {
            category: TYPES[1]!.category,
            type: kidney,
            algorithmType: 'AUTOMATIC',
            algorithmName: 'TotalSegmentator',
          },
        }),
      ],
      { 1: 4 },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.input.segments[0]).toMatchObject({
      type: kidney,
      algorithmType: 'AUTOMATIC',
      algorithmName: 'TotalSegmentator',
    });
  });

  it('makes labels valid LO values: no backslash or control character, at most 64 characters', () => {
    const result = plan(
      [
        segment({ index: 1, label: 'a\\b\tc' }),
        segment({ index: 2, label: 'x'.repeat(80) }),
        segment({ index: 3, label: '   ' }),
      ],
      { 1: 1, 2: 1, 3: 1 },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.input.segments.map((s) => s.label)).toEqual([
      'a b c',
      'x'.repeat(64),
      'Segment 3',
    ]);
  });

  it('refuses a labelmap whose grid is not the series grid', () => {
    const result = buildSegWriterInput({
      segments: [segment({ index: 1 })],
      voxelCounts: new Map([[1, 1]]),
      labels: new Uint8Array(24),
      dimensions: [4, 2, 3],
      segmentTypes: TYPES,
      source: SOURCE,
      identity: IDENTITY,
    });
    expect(result.ok ? null : result.error.code).toBe('GRID_MISMATCH');
  });
});

describe('toDicomDate and toDicomTime', () => {
  it('formats local time as DA and TM, zero-padded', () => {
    const d = new Date(2025, 0, 2, 3, 4, 5);
    expect([toDicomDate(d), toDicomTime(d)]).toEqual(['20250102', '030405']);
  });
});
