import { eventTarget } from '@cornerstonejs/core';
import { segmentation, Enums as ToolEnums } from '@cornerstonejs/tools';
import type { Disposable } from '../plugin-api';
import { createCornerstoneVolume } from '../viewport/createCornerstoneVolume';
import type { DisplayedViewports } from '../viewport/createViewportController';
import type { Box } from './engine';
import type { SegmentationSession } from './createSegmentationSession';

export interface LabelmapStyle {
  readonly fillAlpha: number;
  readonly outline: boolean;
}

const LABELMAP = ToolEnums.SegmentationRepresentations.Labelmap;
const RENDER_WAIT_MS = 3000;

export function segmentationIdFor(seriesKey: string): string {
  return `llr-seg:${seriesKey}`;
}

/**
 * Shows a session's labelmap in the displayed viewports. The labelmap buffer is shared with
 * cornerstone (no copy); edits only mark the changed slices for upload, at most once per
 * task (the edits of one pointer event together), so a stroke never re-uploads the whole volume.
 */
export function attachLabelmap(
  session: SegmentationSession,
  displayed: DisplayedViewports,
  style: LabelmapStyle,
): Disposable & {
  setStyle(style: LabelmapStyle): void;
  /**
   * Settles once cornerstone has drawn the labelmap in every viewport (it adds the labelmap
   * asynchronously and moves the camera while doing so), or after `RENDER_WAIT_MS`.
   */
  readonly rendered: Promise<void>;
} {
  const segmentationId = segmentationIdFor(session.seriesKey);
  const labelmapVolume = createCornerstoneVolume({
    ...displayed.volume,
    key: `${session.seriesKey}:labelmap`,
    modality: 'SEG',
    data: session.labelmap.data,
    window: { center: 0.5, width: 1 },
  });
  if (!segmentation.state.getSegmentation(segmentationId)) {
    segmentation.addSegmentations([
      {
        segmentationId,
        representation: {
          type: LABELMAP,
          data: {
            volumeId: labelmapVolume.volumeId ?? undefined,
            referencedVolumeId: displayed.volumeId ?? undefined,
            // Slice by slice too, for stack viewports (dates side by side).
            imageIds: [...labelmapVolume.imageIds],
            referencedImageIds: [...createCornerstoneVolume(displayed.volume).imageIds],
          },
        },
      },
    ]);
  }
  const viewportIds = displayed.viewports.map((v) => v.viewportId);
  const waiting = new Set(viewportIds);
  let onRendered: (event: Event) => void = () => undefined;
  const rendered = new Promise<void>((resolve) => {
    const timer = setTimeout(finish, RENDER_WAIT_MS);
    function finish(): void {
      clearTimeout(timer);
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_RENDERED, onRendered);
      resolve();
    }
    onRendered = (event) => {
      const detail = (event as CustomEvent<{ viewportId: string; segmentationId: string }>).detail;
      if (detail.segmentationId !== segmentationId) return;
      waiting.delete(detail.viewportId);
      if (waiting.size === 0) finish();
    };
    eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_RENDERED, onRendered);
  });
  for (const viewportId of viewportIds) {
    segmentation.addLabelmapRepresentationToViewport(viewportId, [{ segmentationId }]);
  }

  function applyAppearance(): void {
    const { segments } = session.getState();
    for (const viewportId of viewportIds) {
      for (const segment of segments) {
        segmentation.config.color.setSegmentIndexColor(viewportId, segmentationId, segment.index, [
          segment.color[0],
          segment.color[1],
          segment.color[2],
          255,
        ]);
        segmentation.config.visibility.setSegmentIndexVisibility(
          viewportId,
          { segmentationId, type: LABELMAP },
          segment.index,
          segment.visible,
        );
      }
    }
  }

  function applyStyle(next: LabelmapStyle): void {
    segmentation.segmentationStyle.setStyle(
      { type: LABELMAP },
      {
        fillAlpha: next.fillAlpha,
        fillAlphaInactive: next.fillAlpha,
        renderFill: next.fillAlpha > 0,
        renderOutline: next.outline,
        outlineWidth: 2,
        outlineOpacity: 1,
      },
    );
    for (const viewportId of viewportIds) {
      segmentation.triggerSegmentationEvents.triggerSegmentationRepresentationModified(
        viewportId,
        segmentationId,
        LABELMAP,
      );
    }
  }

  // Slices to re-upload, flushed once per task: the edits of one pointer event go out together,
  // before the next frame, so the render that follows the event already shows them.
  let pending: Set<number> | 'all' | null = null;
  let scheduled = false;
  let disposed = false;
  const flush = (): void => {
    scheduled = false;
    if (disposed) return;
    const slices = pending;
    pending = null;
    if (!slices) return;
    segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(
      segmentationId,
      slices === 'all' ? undefined : [...slices],
    );
  };
  const onVoxels = (box: Box | null): void => {
    if (box === null) pending = 'all';
    else if (pending !== 'all') {
      pending ??= new Set();
      for (let k = box.min[2]; k <= box.max[2]; k++) pending.add(k);
    }
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };

  applyAppearance();
  applyStyle(style);
  const unsubscribeState = session.subscribe(applyAppearance);
  const unsubscribeVoxels = session.onVoxelsChanged(onVoxels);
  return {
    setStyle: applyStyle,
    rendered,
    dispose() {
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_RENDERED, onRendered);
      unsubscribeState();
      unsubscribeVoxels();
      disposed = true;
      for (const viewportId of viewportIds) {
        segmentation.removeSegmentationRepresentations(viewportId, { segmentationId });
      }
    },
  };
}
