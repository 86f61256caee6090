import { Enums as CoreEnums, type RenderingEngine, type Types } from '@cornerstonejs/core';
import { SynchronizerManager, synchronizers, type Types as ToolTypes } from '@cornerstonejs/tools';
import type { DisplayVolume, Vec3 } from './displayVolume';
import { createCornerstoneVolume } from './createCornerstoneVolume';
import { dot, nearestSlice, sliceNormal, slicePositionsAlong } from './stackSlices';

export const COMPARE_VIEWPORT_PREFIX = 'compare-';
const VOI_SYNC = 'llr-compare-voi';
const ZOOM_PAN_SYNC = 'llr-compare-zoom-pan';

export interface CompareLayout {
  readonly viewportIds: readonly string[];
  /** Volume ids in viewport order (null for a series that is not a regular volume). */
  readonly volumeIds: ReadonlyArray<string | null>;
  readonly loaded: Promise<void>;
  /**
   * Runs slice changes that differ per date (each date's own slice through a lesion) without
   * copying them to the other views; scrolling afterwards links them again.
   */
  withoutCameraLink(change: () => void): void;
  /** Shows, in one view, the slice nearest the plane through a patient point (mm). */
  moveTo(viewportId: string, world: Vec3): void;
  /** Puts every date at the first one's position (same patient position, pan and zoom). */
  alignToFirst(): void;
  dispose(): void;
}

/**
 * Dates side by side: one stack viewport per series (its acquired axial slices, each a 2D
 * texture of the slice shown, never a 3D texture of the whole date), with scroll, pan, zoom
 * and window linked. Every study of the sample patient has its own frame of reference but
 * the same patient coordinates, so the link is by patient position (mm), not by slice
 * index: scrolling one date moves every other date by the same distance from its own
 * position and shows its slice nearest that position (a 1.25 mm and a 5 mm series show the
 * same anatomy).
 */
export function createCompareLayout(
  engine: RenderingEngine,
  volumes: readonly DisplayVolume[],
  elements: readonly HTMLDivElement[],
  toolGroup: ToolTypes.IToolGroup,
): CompareLayout {
  const series = volumes.map((volume) => createCornerstoneVolume(volume));
  const normal = sliceNormal(volumes[0]!);
  // Each slice's position along the first date's normal (mm), per date.
  const positions = volumes.map((volume) => slicePositionsAlong(volume, normal));
  const inputs: Types.PublicViewportInput[] = volumes.map((_, i) => ({
    viewportId: `${COMPARE_VIEWPORT_PREFIX}${i}`,
    type: CoreEnums.ViewportType.STACK,
    element: elements[i]!,
    defaultOptions: { background: [0, 0, 0] },
  }));
  engine.setViewports(inputs);
  const viewportIds = inputs.map((input) => input.viewportId);
  for (const id of viewportIds) toolGroup.addViewport(id, engine.id);
  const stackOf = (i: number): Types.IStackViewport | undefined =>
    engine.getViewport(viewportIds[i] ?? '') as Types.IStackViewport | undefined;

  SynchronizerManager.destroySynchronizer(VOI_SYNC);
  SynchronizerManager.destroySynchronizer(ZOOM_PAN_SYNC);
  const voi = synchronizers.createVOISynchronizer(VOI_SYNC, {
    syncInvertState: true,
    syncColormap: false,
  });
  // Pan and zoom: every date framed the same (same patient coordinates).
  const zoomPan = synchronizers.createZoomPanSynchronizer(ZOOM_PAN_SYNC);

  // Where each date is meant to be along the normal (mm). It keeps fractions a coarser series
  // cannot show yet: four 1.25 mm steps of one date move a 5 mm date by one slice.
  const target = positions.map((p, i) => p[Math.floor((volumes[i]?.dimensions[2] ?? 1) / 2)] ?? 0);
  const shown = target.map((_, i) => Math.floor((volumes[i]?.dimensions[2] ?? 1) / 2));
  let propagating = false;

  function show(i: number, index: number): void {
    const viewport = stackOf(i);
    if (index >= 0) shown[i] = index;
    if (index < 0 || !viewport || viewport.getCurrentImageIdIndex() === index) return;
    void viewport.setImageIdIndex(index);
  }

  // Scrolling: a date's new slice moves the other dates by the same distance (mm).
  const onNewImage = (event: Event): void => {
    const { viewportId, imageIdIndex } = (
      event as CustomEvent<{ viewportId: string; imageIdIndex: number }>
    ).detail;
    const i = viewportIds.indexOf(viewportId);
    if (i < 0 || shown[i] === imageIdIndex) return;
    const from = positions[i]?.[shown[i] ?? 0] ?? 0;
    const to = positions[i]?.[imageIdIndex] ?? from;
    shown[i] = imageIdIndex;
    target[i] = to;
    if (propagating) return;
    propagating = true;
    try {
      viewportIds.forEach((_, j) => {
        if (j === i) return;
        target[j] = (target[j] ?? 0) + (to - from);
        show(j, nearestSlice(positions[j] ?? [], target[j]!));
      });
    } finally {
      propagating = false;
    }
  };

  for (const element of elements) {
    element.addEventListener(CoreEnums.Events.STACK_NEW_IMAGE, onNewImage);
  }

  const loaded = Promise.all(
    series.map((s, i) => {
      const viewport = stackOf(i);
      if (!s.volumeId || !viewport)
        return Promise.reject(new Error(`${volumes[i]?.key ?? 'series'} is not a regular volume`));
      return viewport.setStack([...s.imageIds], shown[i]);
    }),
  ).then(() => {
    for (const id of viewportIds) {
      voi.add({ renderingEngineId: engine.id, viewportId: id });
      zoomPan.add({ renderingEngineId: engine.id, viewportId: id });
    }
    alignToFirst();
  });

  function alignToFirst(): void {
    const before = propagating;
    propagating = true;
    try {
      viewportIds.forEach((_, j) => {
        if (j === 0) return;
        target[j] = target[0] ?? 0;
        show(j, nearestSlice(positions[j] ?? [], target[j]!));
      });
    } finally {
      propagating = before;
    }
  }

  return {
    viewportIds,
    volumeIds: series.map((s) => s.volumeId),
    loaded,
    alignToFirst,
    moveTo(viewportId, world) {
      const i = viewportIds.indexOf(viewportId);
      if (i < 0) return;
      const at = dot(world, normal);
      const index = nearestSlice(positions[i] ?? [], at);
      const before = propagating;
      propagating = true;
      try {
        show(i, index);
        target[i] = positions[i]?.[index] ?? at;
      } finally {
        propagating = before;
      }
    },
    withoutCameraLink(change) {
      const before = propagating;
      propagating = true;
      try {
        change();
      } finally {
        propagating = before;
      }
    },
    dispose() {
      for (const element of elements) {
        element.removeEventListener(CoreEnums.Events.STACK_NEW_IMAGE, onNewImage);
      }
      SynchronizerManager.destroySynchronizer(VOI_SYNC);
      SynchronizerManager.destroySynchronizer(ZOOM_PAN_SYNC);
      for (const id of viewportIds) toolGroup.removeViewports(engine.id, id);
    },
  };
}
