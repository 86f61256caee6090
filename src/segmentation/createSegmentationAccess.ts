import type {
  SegmentSummary,
  SegmentTypeContribution,
  SegmentationData,
  SegmentationSummary,
} from '../plugin-api';
import type { SegmentationProvider } from '../host/createHost';
import type { DisplayVolume } from '../viewport/displayVolume';
import { seriesIdOfKey, type SegmentEditor } from './createSegmentEditor';
import type { SegmentationSession, SegmentStats } from './createSegmentationSession';
import type { SegmentInfo } from './types';

function summarise(
  segments: readonly SegmentInfo[],
  stats: ReadonlyMap<number, SegmentStats> | null,
  types: ReadonlyMap<string, SegmentTypeContribution>,
): SegmentSummary[] {
  return segments.map((segment) => {
    const type = types.get(segment.typeId);
    return {
      index: segment.index,
      label: segment.label,
      typeId: segment.typeId,
      // A segment loaded from a SEG with a code no segment type has keeps that code.
      type: type?.type ?? segment.imported?.type ?? null,
      isLesion: type?.isLesion ?? segment.trackingId !== null,
      color: segment.color,
      trackingId: segment.trackingId,
      trackingUid: segment.trackingUid,
      voxelCount: stats?.get(segment.index)?.voxelCount ?? 0,
      volumeMl: stats?.get(segment.index)?.volumeMl ?? 0,
    };
  });
}

/**
 * What plugins see of the segment editor (through HostApi): summaries of every segmentation
 * (open or saved) and read-only views of a series' labelmap and image.
 */
export function createSegmentationAccess(
  editor: SegmentEditor,
  segmentTypes: readonly SegmentTypeContribution[],
): SegmentationProvider {
  const types = new Map(segmentTypes.map((type) => [type.id, type]));
  const describe = (session: SegmentationSession): SegmentationSummary => {
    const state = session.getState();
    return {
      seriesId: seriesIdOfKey(session.seriesKey),
      revision: state.revision,
      segments: summarise(state.segments, state.stats, types),
    };
  };
  return {
    async list() {
      const [saved, open] = await Promise.all([editor.listSaved(), editor.openSessions()]);
      const openKeys = new Set(open.map((session) => session.seriesKey));
      return [
        ...open.map(describe),
        // Saved but not opened in this page: no live counts until it is read.
        ...saved
          .filter((entry) => !openKeys.has(entry.seriesKey))
          .map((entry) => ({
            seriesId: seriesIdOfKey(entry.seriesKey),
            revision: 0,
            segments: summarise(entry.segments, null, types),
          })),
      ].filter((summary) => summary.segments.length > 0);
    },
    async read(volume: DisplayVolume): Promise<SegmentationData | null> {
      const session = await editor.openSession(volume);
      const summary = describe(session);
      if (summary.segments.length === 0) return null;
      return {
        ...summary,
        seriesId: volume.key,
        modality: volume.modality,
        frameOfReferenceUid: volume.frameOfReferenceUid,
        grid: {
          dimensions: volume.dimensions,
          spacingMm: volume.spacing,
          originMm: volume.slicePositions[0] ?? [0, 0, 0],
          direction: volume.direction,
        },
        labels: session.labelmap.data,
        image: volume.data,
      };
    },
    async update(volume, index, patch) {
      const session = await editor.openSession(volume);
      session.updateSegment(index, patch);
    },
    onChanged(listener) {
      return editor.onSessionChanged((session) => {
        listener({
          seriesId: seriesIdOfKey(session.seriesKey),
          revision: session.getState().revision,
        });
      });
    },
  };
}
