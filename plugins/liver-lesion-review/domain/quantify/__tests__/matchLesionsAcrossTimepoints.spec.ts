import { describe, expect, it } from 'vitest';
import {
  manualLinkKey,
  matchLesionsAcrossTimepoints,
  type TimepointObservations,
} from '../matchLesionsAcrossTimepoints';

const lesion = (
  key: string,
  centroidMm: [number, number, number],
  trackingUid: string | null = null,
  trackingId: string | null = null,
) => ({
  key,
  centroidMm,
  trackingUid,
  trackingId,
});

describe('matchLesionsAcrossTimepoints', () => {
  it('links by TrackingUID whatever the position', () => {
    const links = matchLesionsAcrossTimepoints([
      {
        date: '2024-07-25',
        frameOfReferenceUid: 'F1',
        liverCentroidMm: null,
        lesions: [lesion('1', [0, 0, 0], '2.25.1', 'L1')],
      },
      {
        date: '2024-08-12',
        frameOfReferenceUid: 'F2',
        liverCentroidMm: null,
        lesions: [lesion('7', [300, 0, 0], '2.25.1')],
      },
    ]);
    expect(links.map((l) => [l.date, l.lesionId, l.method])).toEqual([
      ['2024-07-25', 'L1', 'new'],
      ['2024-08-12', 'L1', 'tracking-uid'],
    ]);
  });

  it('links by nearest centroid within 15 mm in one frame of reference, one-to-one, and numbers new lesions', () => {
    const july: TimepointObservations = {
      date: '2024-07-25',
      frameOfReferenceUid: 'F',
      liverCentroidMm: null,
      lesions: [lesion('a', [0, 0, 0]), lesion('b', [40, 0, 0])],
    };
    const august: TimepointObservations = {
      date: '2024-08-12',
      frameOfReferenceUid: 'F',
      liverCentroidMm: null,
      // 'x' is 3 mm from a, 'y' 12 mm from b; 'z' is 16 mm from b: too far, so new.
      lesions: [lesion('y', [52, 0, 0]), lesion('x', [3, 0, 0]), lesion('z', [40, 16, 0])],
    };
    const links = matchLesionsAcrossTimepoints([august, july]);
    const byKey = Object.fromEntries(links.map((l) => [`${l.date}/${l.key}`, l]));
    expect(byKey['2024-08-12/x']).toMatchObject({
      lesionId: byKey['2024-07-25/a']!.lesionId,
      method: 'position',
      distanceMm: 3,
    });
    expect(byKey['2024-08-12/y']).toMatchObject({
      lesionId: byKey['2024-07-25/b']!.lesionId,
      distanceMm: 12,
    });
    expect(byKey['2024-08-12/z']).toMatchObject({ lesionId: 'L3', method: 'new' });
  });

  it('aligns the livers when the dates have different frames of reference', () => {
    const links = matchLesionsAcrossTimepoints([
      {
        date: '1',
        frameOfReferenceUid: 'A',
        liverCentroidMm: [-80, 20, -60],
        lesions: [lesion('a', [-82, 24, -76])],
      },
      // The patient lies 100 mm further along z: liver and lesion shift together.
      {
        date: '2',
        frameOfReferenceUid: 'B',
        liverCentroidMm: [-80, 20, 40],
        lesions: [lesion('b', [-81, 24, 24])],
      },
    ]);
    expect(links[1]).toMatchObject({
      lesionId: links[0]!.lesionId,
      method: 'aligned-position',
      distanceMm: 1,
    });
  });

  it('keeps a lesion id across a date where it is absent', () => {
    const links = matchLesionsAcrossTimepoints([
      {
        date: '1',
        frameOfReferenceUid: 'F',
        liverCentroidMm: null,
        lesions: [lesion('a', [0, 0, 0])],
      },
      { date: '2', frameOfReferenceUid: 'F', liverCentroidMm: null, lesions: [] },
      {
        date: '3',
        frameOfReferenceUid: 'F',
        liverCentroidMm: null,
        lesions: [lesion('c', [1, 1, 1])],
      },
    ]);
    expect(links.map((l) => l.lesionId)).toEqual(['L1', 'L1']);
  });

  it('does not link two segments by their "L1" labels when each has its own TrackingUID', () => {
    // Each date's editor numbered its first lesion "L1": far apart, they are different lesions.
    const links = matchLesionsAcrossTimepoints([
      {
        date: '1',
        frameOfReferenceUid: 'F',
        liverCentroidMm: null,
        lesions: [lesion('a', [0, 0, 0], '2.25.1', 'L1')],
      },
      {
        date: '2',
        frameOfReferenceUid: 'F',
        liverCentroidMm: null,
        lesions: [lesion('b', [100, 0, 0], '2.25.2', 'L1')],
      },
    ]);
    expect(links[1]).toMatchObject({ method: 'new' });
    expect(links[1]!.lesionId).not.toBe(links[0]!.lesionId);
  });

  it('links by TrackingID when one side has no TrackingUID (an imported lesion)', () => {
    const links = matchLesionsAcrossTimepoints([
      {
        date: '1',
        frameOfReferenceUid: 'F',
        liverCentroidMm: null,
        lesions: [lesion('a', [0, 0, 0], null, 'T7')],
      },
      {
        date: '2',
        frameOfReferenceUid: 'F',
        liverCentroidMm: null,
        lesions: [lesion('b', [100, 0, 0], '2.25.2', 'T7')],
      },
    ]);
    expect(links.map((l) => [l.lesionId, l.method])).toEqual([
      ['T7', 'new'],
      ['T7', 'tracking-id'],
    ]);
  });

  it('proposes an unaligned position match across frames of reference without livers', () => {
    const links = matchLesionsAcrossTimepoints([
      {
        date: '1',
        frameOfReferenceUid: 'A',
        liverCentroidMm: null,
        lesions: [lesion('a', [0, 0, 0])],
      },
      {
        date: '2',
        frameOfReferenceUid: 'B',
        liverCentroidMm: null,
        lesions: [lesion('b', [3, 4, 0])],
      },
    ]);
    expect(links[1]).toMatchObject({
      lesionId: links[0]!.lesionId,
      method: 'unaligned-position',
      distanceMm: 5,
    });
  });

  it("applies the reader's manual links before automatic matching", () => {
    // b lies nearest a; the reader says c is a, so b becomes new.
    const links = matchLesionsAcrossTimepoints(
      [
        {
          date: '1',
          frameOfReferenceUid: 'F',
          liverCentroidMm: null,
          lesions: [lesion('a', [0, 0, 0])],
        },
        {
          date: '2',
          frameOfReferenceUid: 'F',
          liverCentroidMm: null,
          lesions: [lesion('b', [1, 0, 0]), lesion('c', [9, 0, 0])],
        },
      ],
      { manualLinks: new Map([[manualLinkKey('2', 'c'), 'L1']]) },
    );
    expect(links.map((l) => [l.key, l.lesionId, l.method])).toEqual([
      ['a', 'L1', 'new'],
      ['b', 'L2', 'new'],
      ['c', 'L1', 'manual'],
    ]);
  });
});
