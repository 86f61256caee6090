import { dicomLabToRgb, type SegmentDescription } from '../../dicom/seg';
import type { SegmentInfo, SegmentTypeContribution } from '../types';

const codeKey = (c: { codingSchemeDesignator: string; codeValue: string }): string =>
  `${c.codingSchemeDesignator}|${c.codeValue}`;

/**
 * Editor segments for the segments of a loaded DICOM SEG (index = SEG segment number, so the
 * labelmap the SEG maps to needs no relabelling). The segment type is the one whose
 * SegmentedPropertyType code matches; a code no type has is kept as the segment's own (and
 * written back on export). Colours come from RecommendedDisplayCIELabValue. Lesion-type segments
 * always carry a tracking identity, as those the editor creates do: a missing TrackingID becomes
 * the next free `L<n>`, a missing TrackingUID a new one.
 */
export function segmentsFromSeg(
  descriptions: readonly SegmentDescription[],
  segmentTypes: readonly SegmentTypeContribution[],
  newUid: () => string,
): SegmentInfo[] {
  const byCode = new Map<string, SegmentTypeContribution>();
  for (const type of segmentTypes)
    if (!byCode.has(codeKey(type.type))) byCode.set(codeKey(type.type), type);
  const fallback = segmentTypes[0];
  const usedIds = new Set(descriptions.flatMap((d) => (d.trackingId ? [d.trackingId] : [])));
  let lesionNumber = 0;
  const nextTrackingId = (): string => {
    do lesionNumber++;
    while (usedIds.has(`L${lesionNumber}`));
    usedIds.add(`L${lesionNumber}`);
    return `L${lesionNumber}`;
  };
  return descriptions.map((d): SegmentInfo => {
    const type = d.type ? byCode.get(codeKey(d.type)) : fallback;
    const typeId = type?.id ?? (d.type ? `seg:${codeKey(d.type)}` : '');
    const lesion = type?.isLesion ?? false;
    const label =
      d.label.trim() || `${type?.label ?? d.type?.codeMeaning ?? 'Segment'} ${d.segmentNumber}`;
    return {
      index: d.segmentNumber,
      label,
      typeId,
      color: d.recommendedDisplayCieLab
        ? dicomLabToRgb(d.recommendedDisplayCieLab)
        : (type?.color ?? [128, 174, 128]),
      visible: true,
      locked: false,
      trackingId: lesion ? (d.trackingId ?? nextTrackingId()) : d.trackingId,
      trackingUid: lesion ? (d.trackingUid ?? newUid()) : d.trackingUid,
      imported: {
        category: d.category,
        type: d.type,
        algorithmType: d.algorithmType,
        algorithmName: d.algorithmName,
      },
    };
  });
}
