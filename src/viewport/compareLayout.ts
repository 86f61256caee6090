import {
  Enums as CoreEnums,
  setVolumesForViewports,
  type RenderingEngine,
  type Types,
} from '@cornerstonejs/core';
import { SynchronizerManager, synchronizers, type Types as ToolTypes } from '@cornerstonejs/tools';
import type { DisplayVolume } from './displayVolume';
import { createCornerstoneVolume } from './createCornerstoneVolume';

export const COMPARE_VIEWPORT_PREFIX = 'compare-';
const VOI_SYNC = 'llr-compare-voi';

interface CameraModifiedDetail {
  readonly viewportId: string;
  readonly camera: Types.ICamera;
  readonly previousCamera?: Types.ICamera;
}

export interface CompareLayout {
  readonly viewportIds: readonly string[];
  /** Volume ids in viewport order (null for a series that is not a regular volume). */
  readonly volumeIds: ReadonlyArray<string | null>;
  readonly loaded: Promise<void>;
  /**
   * Runs camera changes that differ per date (each date's own slice through a lesion) without
   * copying them to the other views; scrolling afterwards links them again.
   */
  withoutCameraLink(change: () => void): void;
  /** Puts every date at the first one's camera (same patient position, pan and zoom). */
  alignToFirst(): void;
  dispose(): void;
}

/**
 * Dates side by side: one axial volume viewport per series, with scroll, pan, zoom and window
 * linked. Every study of the sample patient has its own frame of reference but the
 * same patient coordinates, so the link is by patient position (mm), not by slice index:
 * a 1.25 mm and a 5 mm series show the same anatomy.
 */
export function createCompareLayout(
  engine: RenderingEngine,
  volumes: readonly DisplayVolume[],
  elements: readonly HTMLDivElement[],
  toolGroup: ToolTypes.IToolGroup,
): CompareLayout {
  const series = volumes.map((volume) => createCornerstoneVolume(volume));
  const inputs: Types.PublicViewportInput[] = volumes.map((_, i) => ({
    viewportId: `${COMPARE_VIEWPORT_PREFIX}${i}`,
    type: CoreEnums.ViewportType.ORTHOGRAPHIC,
    element: elements[i]!,
    defaultOptions: { orientation: CoreEnums.OrientationAxis.AXIAL, background: [0, 0, 0] },
  }));
  engine.setViewports(inputs);
  const viewportIds = inputs.map((input) => input.viewportId);
  for (const id of viewportIds) toolGroup.addViewport(id, engine.id);

  SynchronizerManager.destroySynchronizer(VOI_SYNC);
  const voi = synchronizers.createVOISynchronizer(VOI_SYNC, {
    syncInvertState: true,
    syncColormap: false,
  });

  // The camera link copies each view's *change* (scroll along the normal, pan, zoom) to the
  // other dates, not its absolute camera: a date moved to its own lesion slice keeps that
  // offset, and camera events that change nothing (e.g. a labelmap being added) move nothing.
  let propagating = false;
  const onCameraModified = (event: Event): void => {
    if (propagating) return;
    const { camera, previousCamera, viewportId } = (event as CustomEvent<CameraModifiedDetail>)
      .detail;
    const from = previousCamera?.focalPoint;
    const to = camera.focalPoint;
    if (!from || !to) return;
    const shift: Types.Point3 = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
    const zoom =
      camera.parallelScale && previousCamera?.parallelScale
        ? camera.parallelScale / previousCamera.parallelScale
        : 1;
    if (Math.hypot(...shift) < 1e-6 && Math.abs(zoom - 1) < 1e-9) return;
    propagating = true;
    try {
      for (const id of viewportIds) {
        if (id === viewportId) continue;
        const viewport = engine.getViewport(id);
        const current = viewport?.getCamera();
        if (!viewport || !current?.focalPoint || !current.position) continue;
        const move = (p: Types.Point3): Types.Point3 => [
          p[0] + shift[0],
          p[1] + shift[1],
          p[2] + shift[2],
        ];
        viewport.setCamera({
          focalPoint: move(current.focalPoint),
          position: move(current.position),
          ...(current.parallelScale ? { parallelScale: current.parallelScale * zoom } : {}),
        });
        viewport.render();
      }
    } finally {
      propagating = false;
    }
  };
  for (const element of elements) {
    element.addEventListener(CoreEnums.Events.CAMERA_MODIFIED, onCameraModified);
  }

  const loaded = Promise.all(
    series.map((s, i) =>
      s.volumeId
        ? setVolumesForViewports(engine, [{ volumeId: s.volumeId }], [viewportIds[i]!])
        : Promise.reject(new Error(`${volumes[i]?.key ?? 'series'} is not a regular volume`)),
    ),
  ).then(() => {
    for (const id of viewportIds) voi.add({ renderingEngineId: engine.id, viewportId: id });
    alignToFirst();
  });

  function alignToFirst(): void {
    const reference = engine.getViewport(viewportIds[0] ?? '')?.getCamera();
    if (!reference) return;
    const before = propagating;
    propagating = true;
    try {
      for (const id of viewportIds.slice(1)) {
        const viewport = engine.getViewport(id);
        viewport?.setCamera(reference);
        viewport?.render();
      }
    } finally {
      propagating = before;
    }
  }

  return {
    viewportIds,
    volumeIds: series.map((s) => s.volumeId),
    loaded,
    alignToFirst,
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
        element.removeEventListener(CoreEnums.Events.CAMERA_MODIFIED, onCameraModified);
      }
      SynchronizerManager.destroySynchronizer(VOI_SYNC);
      for (const id of viewportIds) toolGroup.removeViewports(engine.id, id);
    },
  };
}
