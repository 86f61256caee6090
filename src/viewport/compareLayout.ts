import { Enums as CoreEnums, type RenderingEngine, type Types } from '@cornerstonejs/core';
import { SynchronizerManager, synchronizers, type Types as ToolTypes } from '@cornerstonejs/tools';
import type { DisplayVolume, Vec3 } from './displayVolume';
import { createCornerstoneVolume } from './createCornerstoneVolume';
import {
  createSliceLink,
  dot,
  nearestSlice,
  sliceNormal,
  slicePositionsAlong,
} from './stackSlices';

export const COMPARE_VIEWPORT_PREFIX = 'compare-';
const VOI_SYNC = 'llr-compare-voi';
const ZOOM_PAN_SYNC = 'llr-compare-zoom-pan';

export interface CompareLayout {
  readonly viewportIds: readonly string[];
  /** Volume ids in viewport order (null for a series that is not a regular volume). */
  readonly volumeIds: ReadonlyArray<string | null>;
  readonly loaded: Promise<void>;
  /**
   * Shows, in one view, the slice nearest the plane through a patient point (mm), without
   * moving the other dates (each date's own slice through a lesion); scrolling afterwards
   * links them again, from there.
   */
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

  const middle = volumes.map((volume) => Math.floor(volume.dimensions[2] / 2));
  const link = createSliceLink(positions, middle);

  function show(i: number, index: number): void {
    const viewport = stackOf(i);
    if (viewport && viewport.getCurrentImageIdIndex() !== index)
      void viewport.setImageIdIndex(index);
  }
  const apply = (changes: ReadonlyArray<[number, number]>): void => {
    for (const [j, index] of changes) show(j, index);
  };

  // Scrolling: a date's new slice moves the other dates by the same distance (mm). The new
  // images of the dates moved that way, or placed by a jump, come back here as the slices the
  // link already shows.
  const onNewImage = (event: Event): void => {
    const { viewportId, imageIdIndex } = (
      event as CustomEvent<{ viewportId: string; imageIdIndex: number }>
    ).detail;
    const i = viewportIds.indexOf(viewportId);
    if (i < 0 || link.shown[i] === imageIdIndex) return;
    apply(link.moved(i, imageIdIndex));
  };

  for (const element of elements) {
    element.addEventListener(CoreEnums.Events.STACK_NEW_IMAGE, onNewImage);
  }

  const loaded = Promise.all(
    series.map((s, i) => {
      const viewport = stackOf(i);
      if (!s.volumeId || !viewport)
        return Promise.reject(new Error(`${volumes[i]?.key ?? 'series'} is not a regular volume`));
      return viewport.setStack([...s.imageIds], middle[i]);
    }),
  ).then(() => {
    for (const id of viewportIds) {
      voi.add({ renderingEngineId: engine.id, viewportId: id });
      zoomPan.add({ renderingEngineId: engine.id, viewportId: id });
    }
    alignToFirst();
  });

  function alignToFirst(): void {
    apply(link.alignToFirst());
  }

  return {
    viewportIds,
    volumeIds: series.map((s) => s.volumeId),
    loaded,
    alignToFirst,
    moveTo(viewportId, world) {
      const i = viewportIds.indexOf(viewportId);
      if (i < 0) return;
      const index = nearestSlice(positions[i] ?? [], dot(world, normal));
      if (index < 0) return;
      link.place(i, index);
      show(i, index);
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
