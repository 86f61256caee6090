import { describe, expect, it } from 'vitest';
import { rgbToDicomLab, type SegmentDescription } from '../../../dicom/seg';
import { segmentsFromSeg } from '../segmentsFromSeg';
import { TYPES } from './fixtures';

function description(patch: Partial<SegmentDescription> & { segmentNumber: number }) {
  return {
    label: '',
    description: null,
    algorithmType: 'MANUAL',
    algorithmName: null,
    category: TYPES[0]!.category,
    type: TYPES[0]!.type,
    typeModifier: null,
    trackingId: null,
    trackingUid: null,
    recommendedDisplayCieLab: null,
    ...patch,
  } satisfies SegmentDescription;
}

const uids = (): (() => string) => {
  let n = 0;
  return () => `2.25.${++n}`;
};

describe('segmentsFromSeg', () => {
  it('keeps segment numbers as indices and matches segment types by their type code', () => {
    const segments = segmentsFromSeg(
      [
        description({
          segmentNumber: 1,
          label: 'Liver',
          category: TYPES[1]!.category,
          type: TYPES[1]!.type,
        }),
        description({
          segmentNumber: 4,
          label: 'L1 (VII)',
          trackingId: 'L1',
          trackingUid: '1.2.9',
        }),
      ],
      TYPES,
      uids(),
    );
    expect(segments.map((s) => [s.index, s.typeId, s.label])).toEqual([
      [1, 'liver', 'Liver'],
      [4, 'lesion', 'L1 (VII)'],
    ]);
    expect(segments[0]).toMatchObject({
      trackingId: null,
      trackingUid: null,
      color: [221, 130, 101],
    });
    expect(segments[1]).toMatchObject({ trackingId: 'L1', trackingUid: '1.2.9' });
  });

  it('gives untracked lesions the next free L<n> and a new TrackingUID', () => {
    const segments = segmentsFromSeg(
      [
        description({ segmentNumber: 1, trackingId: 'L1', trackingUid: '1.2.9' }),
        description({ segmentNumber: 2 }),
        description({ segmentNumber: 3, trackingId: 'L2' }),
      ],
      TYPES,
      uids(),
    );
    expect(segments.map((s) => [s.trackingId, s.trackingUid])).toEqual([
      ['L1', '1.2.9'],
      ['L3', '2.25.1'],
      ['L2', '2.25.2'],
    ]);
    expect(segments[1]!.label).toBe('Lesion 2');
  });

  it('keeps a type code no segment type has, with the algorithm, and the SEG colour', () => {
    const kidney = { codeValue: '64033007', codingSchemeDesignator: 'SCT', codeMeaning: 'Kidney' };
    const [segment] = segmentsFromSeg(
      [
        description({
          segmentNumber: 7,
          category: TYPES[1]!.category,
          type: kidney,
          algorithmType: 'AUTOMATIC',
          algorithmName: 'TotalSegmentator',
          recommendedDisplayCieLab: rgbToDicomLab([10, 200, 30]),
        }),
      ],
      TYPES,
      uids(),
    );
    expect(segment).toMatchObject({
      index: 7,
      typeId: 'seg:SCT|64033007',
      label: 'Kidney 7',
      trackingId: null,
      imported: { type: kidney, algorithmType: 'AUTOMATIC', algorithmName: 'TotalSegmentator' },
    });
    segment!.color.forEach((c, i) =>
      expect(Math.abs(c - [10, 200, 30][i]!)).toBeLessThanOrEqual(1),
    );
  });
});
