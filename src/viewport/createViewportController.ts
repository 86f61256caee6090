import {
  Enums as CoreEnums,
  RenderingEngine,
  setVolumesForViewports,
  getRenderingEngine,
  utilities as csUtils,
  type Types,
} from '@cornerstonejs/core';
import {
  CrosshairsTool,
  Enums as ToolEnums,
  cursors,
  utilities as toolUtilities,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { DisplayVolume } from './displayVolume';
import { createCornerstoneVolume, releaseVolumeTextures } from './createCornerstoneVolume';
import { autoWindow } from './windowPresets';
import { edgeLabelsForCamera, type EdgeLabels } from './orientationLabels';
import { createCompareLayout, type CompareLayout } from './compareLayout';
import { nearestSliceTo } from './stackSlices';

export type Layout = 'stack' | 'mpr';
/** Viewing tools are cornerstone's; editing tools are handled by the segment editor. */
export type ViewingTool = 'windowLevel' | 'pan' | 'zoom' | 'crosshairs';
export type EditingTool = 'paint' | 'draw' | 'erase';
export type PrimaryTool = ViewingTool | EditingTool;

export function isEditingTool(tool: PrimaryTool): tool is EditingTool {
  return tool === 'paint' || tool === 'draw' || tool === 'erase';
}

/** What the segment editor needs of the displayed viewports. */
export interface DisplayedViewports {
  readonly volume: DisplayVolume;
  /** Present when the series forms a regular volume (segment editing needs one). */
  readonly volumeId: string | null;
  readonly viewports: ReadonlyArray<{
    readonly viewportId: string;
    readonly element: HTMLDivElement;
  }>;
}

export interface ViewportInfo {
  readonly viewportId: string;
  readonly label: string;
  readonly sliceIndex: number;
  readonly sliceCount: number;
  /** Position of the displayed plane along its normal, mm (patient coordinates). */
  readonly positionMm: number;
  readonly window: { readonly center: number; readonly width: number } | null;
  readonly edges: EdgeLabels;
}

export interface ViewportController {
  show(volume: DisplayVolume, layout: Layout, elements: readonly HTMLDivElement[]): Promise<void>;
  /** Several series side by side (one axial view each), camera and window linked. */
  showCompare(
    volumes: readonly DisplayVolume[],
    elements: readonly HTMLDivElement[],
  ): Promise<void>;
  /**
   * Called after each showCompare() has loaded (one entry per view), null when cleared. A
   * listener may return a promise: a pending jump waits for it (adding a labelmap to a view
   * modifies its camera, which the camera link would copy over the other dates' jumps).
   */
  onCompareDisplayed(
    listener: (displayed: readonly DisplayedViewports[] | null) => void | Promise<unknown>,
  ): () => void;
  /**
   * Waits for one primary click on a displayed view (no tool acts on it) and gives the volume
   * shown there and the patient point under the pointer; null when cancelled (Escape).
   */
  pickWorldPoint(): Promise<{
    readonly volumeKey: string;
    readonly world: readonly [number, number, number];
  } | null>;
  cancelPick(): void;
  /** Moves the views showing each volume (by DisplayVolume.key) to its patient point (mm). */
  jumpToWorldIn(
    points: ReadonlyArray<{
      readonly volumeKey: string;
      readonly world: readonly [number, number, number];
    }>,
  ): void;
  setPrimaryTool(tool: PrimaryTool): void;
  setWindow(center: number, width: number): void;
  scroll(delta: number): void;
  zoomBy(factor: number): void;
  reset(): void;
  resize(): void;
  onInfo(listener: (info: readonly ViewportInfo[]) => void): () => void;
  /** Called after each show() has loaded its viewports (and with null when cleared). */
  onDisplayed(listener: (displayed: DisplayedViewports | null) => void): () => void;
  getViewport(viewportId: string): Types.IViewport | undefined;
  /** Moves every displayed view to the plane through a patient point (mm), keeping pan/zoom. */
  jumpToWorld(world: readonly [number, number, number]): void;
  render(): void;
  destroy(): void;
}

const ENGINE_ID = 'llr-engine';
const STACK_GROUP = 'llr-stack-tools';
const MPR_GROUP = 'llr-mpr-tools';
const MPR_VIEWS = [
  { id: 'mpr-axial', label: 'Axial', orientation: CoreEnums.OrientationAxis.AXIAL },
  { id: 'mpr-coronal', label: 'Coronal', orientation: CoreEnums.OrientationAxis.CORONAL },
  { id: 'mpr-sagittal', label: 'Sagittal', orientation: CoreEnums.OrientationAxis.SAGITTAL },
] as const;

const { MouseBindings } = ToolEnums;
const TOOL_NAMES: Record<ViewingTool, string> = {
  windowLevel: WindowLevelTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
  crosshairs: CrosshairsTool.toolName,
};

function toCenterWidth(voi: { lower: number; upper: number }): { center: number; width: number } {
  const { windowCenter, windowWidth } = csUtils.windowLevel.toWindowLevel(voi.lower, voi.upper);
  return { center: windowCenter, width: windowWidth };
}

function createToolGroup(id: string, withCrosshairs: boolean): ToolTypes.IToolGroup {
  ToolGroupManager.destroyToolGroup(id);
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) throw new Error(`could not create tool group ${id}`);
  group.addTool(WindowLevelTool.toolName);
  group.addTool(PanTool.toolName);
  group.addTool(ZoomTool.toolName);
  group.addTool(StackScrollTool.toolName);
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(StackScrollTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Wheel }],
  });
  if (withCrosshairs) group.addTool(CrosshairsTool.toolName);
  return group;
}

/**
 * Runs tool mode changes without the render of every viewport of the group that cornerstone's
 * ToolGroup schedules for each of them (`_renderViewports`, 5.14). Which of our viewing tools
 * holds the left button changes bindings and the cursor, not the image nor the reference
 * lines, and one render costs ≈ 170 ms under software WebGL.
 */
function withoutViewportRender(group: ToolTypes.IToolGroup, change: () => void): void {
  const target = group as unknown as { _renderViewports?: () => void };
  target._renderViewports = () => {};
  try {
    change();
  } finally {
    // The own property shadowed the class method; deleting it restores the method.
    delete target._renderViewports;
  }
}

/**
 * Owns the cornerstone rendering engine, viewports and tool groups for the main view.
 * React only hands it elements and calls these functions; all cornerstone glue lives here.
 */
export function createViewportController(): ViewportController {
  const engine = getRenderingEngine(ENGINE_ID) ?? new RenderingEngine(ENGINE_ID);
  const stackGroup = createToolGroup(STACK_GROUP, false);
  const mprGroup = createToolGroup(MPR_GROUP, true);
  const listeners = new Set<(info: readonly ViewportInfo[]) => void>();
  const displayedListeners = new Set<(displayed: DisplayedViewports | null) => void>();
  let layout: Layout | 'compare' = 'stack';
  let compare: CompareLayout | null = null;
  const compareListeners = new Set<
    (displayed: readonly DisplayedViewports[] | null) => void | Promise<unknown>
  >();
  // Which series each displayed viewport shows, for jumps and picks.
  let viewportVolumes = new Map<string, DisplayVolume>();
  let cancelPick: (() => void) | null = null;
  // A jump asked for series not shown yet (e.g. just before the compare layout loads).
  type JumpPoints = Parameters<ViewportController['jumpToWorldIn']>[0];
  let pendingJump: JumpPoints | null = null;
  /** Moves the views showing the points' volumes; true when every point's volume is shown. */
  function applyJump(points: JumpPoints): boolean {
    const shown = new Set<string>();
    // Side by side, each date goes to its own point (e.g. its lesion's measured slice).
    for (const id of viewportIds) {
      const point = points.find((p) => p.volumeKey === viewportVolumes.get(id)?.key);
      if (point) {
        moveToWorld(id, point.world);
        shown.add(point.volumeKey);
      }
    }
    return points.every((p) => shown.has(p.volumeKey));
  }
  function applyPendingJump(): void {
    if (pendingJump) applyJump(pendingJump);
    pendingJump = null;
  }
  let primary: PrimaryTool = 'windowLevel';
  // The viewing tool on the left button of each tool group as last set (null: an editing
  // tool); no entry: every tool's mode is set afresh (after a show, on new viewports).
  const primaryOf = new Map<ToolTypes.IToolGroup, ViewingTool | null>();
  let viewportIds: string[] = [];
  let elementListeners: Array<() => void> = [];
  let infoScheduled = false;
  let showToken = 0;
  let loading = false;

  const labelFor = (viewportId: string): string =>
    MPR_VIEWS.find((v) => v.id === viewportId)?.label ?? 'Stack';

  function readInfo(viewportId: string): ViewportInfo | null {
    const viewport = engine.getViewport(viewportId);
    if (!viewport) return null;
    const camera = viewport.getCamera();
    const up = (camera.viewUp ?? [0, -1, 0]) as [number, number, number];
    const normal = (camera.viewPlaneNormal ?? [0, 0, -1]) as [number, number, number];
    const focal = (camera.focalPoint ?? [0, 0, 0]) as [number, number, number];
    // The plane's signed distance along the dominant patient axis reads like SliceLocation.
    const axis = [0, 1, 2].reduce((best, i) =>
      Math.abs(normal[i] ?? 0) > Math.abs(normal[best] ?? 0) ? i : best,
    );
    const properties = viewport.getProperties() as
      { voiRange?: { lower: number; upper: number } } | undefined;
    const voi = properties?.voiRange;
    return {
      viewportId,
      label: labelFor(viewportId),
      sliceIndex: viewport.getSliceIndex(),
      sliceCount: viewport.getNumberOfSlices(),
      positionMm: focal[axis] ?? 0,
      window: voi ? toCenterWidth(voi) : null,
      edges: edgeLabelsForCamera(up, normal),
    };
  }

  function publishInfo(): void {
    if (infoScheduled) return;
    infoScheduled = true;
    queueMicrotask(() => {
      infoScheduled = false;
      const infos = viewportIds.map(readInfo).filter((i): i is ViewportInfo => i !== null);
      for (const listener of listeners) listener(infos);
    });
  }

  function applyPrimary(): void {
    const group = layout === 'mpr' ? mprGroup : stackGroup;
    // Editing tools own the primary button themselves; crosshairs exist only in MPR.
    const wanted: ViewingTool | null = isEditingTool(primary)
      ? null
      : layout !== 'mpr' && primary === 'crosshairs'
        ? 'windowLevel'
        : primary;
    const current = primaryOf.get(group);
    // Paint ↔ Draw ↔ Erase: nothing changes on the cornerstone side.
    if (current === wanted) return;
    const change = (): void => {
      for (const [tool, name] of Object.entries(TOOL_NAMES)) {
        if (tool === 'crosshairs' && layout !== 'mpr') continue;
        if (tool === wanted) {
          group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Primary }] });
        } else if (current === undefined || tool === current) {
          // Takes the left button off and keeps the tool's other bindings (pan: middle, zoom:
          // right). setToolActive would merge the old bindings in and leave the left button
          // on the previous tool too. Passive crosshairs keep drawing the reference lines.
          group.setToolPassive(name);
        }
      }
      if (wanted === null)
        for (const id of viewportIds) {
          const element = engine.getViewport(id)?.element;
          if (element) cursors.setCursorForElement(element, 'default');
        }
    };
    // A switch renders nothing; a show() renders its new viewports anyway.
    if (current === undefined) change();
    else withoutViewportRender(group, change);
    primaryOf.set(group, wanted);
    // Crosshairs re-create their annotations on a mode change, without the lines and handles
    // their drawing computes (a click on the view uses them): an annotation-only (SVG) render
    // draws them again, without rendering the image.
    if (current !== undefined && (current === 'crosshairs' || wanted === 'crosshairs'))
      toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds);
  }

  function moveToWorld(viewportId: string, world: readonly [number, number, number]): void {
    // Dates side by side are stacks of acquired slices: the nearest slice is shown.
    if (compare) return compare.moveTo(viewportId, world);
    const viewport = engine.getViewport(viewportId);
    if (!viewport) return;
    const stackVolume = layout === 'stack' ? viewportVolumes.get(viewportId) : undefined;
    if (stackVolume) {
      const index = nearestSliceTo(stackVolume, world);
      const stack = viewport as Types.IStackViewport;
      if (index >= 0 && stack.getCurrentImageIdIndex() !== index) void stack.setImageIdIndex(index);
      else viewport.render();
      return;
    }
    const camera = viewport.getCamera();
    const focal = camera.focalPoint ?? [0, 0, 0];
    const position = camera.position ?? [0, 0, 0];
    const normal = camera.viewPlaneNormal ?? [0, 0, 1];
    // Shift along the view normal only, so the point lies in the plane shown.
    const d =
      (world[0] - focal[0]) * normal[0] +
      (world[1] - focal[1]) * normal[1] +
      (world[2] - focal[2]) * normal[2];
    const shift = (p: Types.Point3): Types.Point3 => [
      p[0] + normal[0] * d,
      p[1] + normal[1] * d,
      p[2] + normal[2] * d,
    ];
    viewport.setCamera({ focalPoint: shift(focal), position: shift(position) });
    viewport.render();
  }

  function detach(): void {
    cancelPick?.();
    if (compare) {
      compare.dispose();
      compare = null;
      for (const listener of compareListeners) listener(null);
    }
    viewportVolumes = new Map();
    if (viewportIds.length > 0) for (const listener of displayedListeners) listener(null);
    for (const remove of elementListeners) remove();
    elementListeners = [];
    for (const id of viewportIds) {
      stackGroup.removeViewports(ENGINE_ID, id);
      mprGroup.removeViewports(ENGINE_ID, id);
      engine.disableElement(id);
    }
    viewportIds = [];
    primaryOf.clear();
    // Only MPR builds 3D textures; none is displayed now.
    if (layout === 'mpr') releaseVolumeTextures();
  }

  return {
    show(volume, nextLayout, elements) {
      detach();
      const series = createCornerstoneVolume(volume);
      layout = nextLayout === 'mpr' && series.volumeId ? 'mpr' : 'stack';
      // The single view is a stack viewport (the acquired slices, one 2D texture of the slice
      // shown); only MPR builds a 3D texture of the series. Segments render and edit in both
      // from the same labelmap buffer.
      const inputs: Types.PublicViewportInput[] =
        layout === 'stack'
          ? [{ viewportId: 'stack', type: CoreEnums.ViewportType.STACK, element: elements[0]! }]
          : MPR_VIEWS.map((view, i) => ({
              viewportId: view.id,
              type: CoreEnums.ViewportType.ORTHOGRAPHIC,
              element: elements[i]!,
              defaultOptions: { orientation: view.orientation, background: [0, 0, 0] },
            }));
      engine.setViewports(inputs);
      viewportIds = inputs.map((input) => input.viewportId);
      for (const id of viewportIds) viewportVolumes.set(id, volume);
      const group = layout === 'mpr' ? mprGroup : stackGroup;
      for (const input of inputs) {
        group.addViewport(input.viewportId, ENGINE_ID);
        const onRendered = (): void => publishInfo();
        input.element.addEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
        elementListeners.push(() =>
          input.element.removeEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered),
        );
      }
      const loaded =
        layout === 'mpr' && series.volumeId
          ? setVolumesForViewports(engine, [{ volumeId: series.volumeId }], viewportIds)
          : (engine.getViewport('stack') as Types.IStackViewport).setStack(
              [...series.imageIds],
              Math.floor(series.imageIds.length / 2),
            );
      applyPrimary();
      const token = ++showToken;
      loading = true;
      return loaded.then(
        () => {
          // A later show() superseded this one while it loaded.
          if (token !== showToken) return;
          loading = false;
          // Local images carry no window of their own: apply the series' window once loaded,
          // or a percentile window when the series has none (typical for MR).
          const window = volume.window ?? autoWindow(volume.data);
          this.setWindow(window.center, window.width);
          engine.render();
          const displayed: DisplayedViewports = {
            volume,
            volumeId: series.volumeId,
            viewports: inputs.map((input) => ({
              viewportId: input.viewportId,
              element: input.element,
            })),
          };
          for (const listener of displayedListeners) listener(displayed);
          applyPendingJump();
        },
        (error: unknown) => {
          if (token === showToken) loading = false;
          throw error;
        },
      );
    },
    showCompare(volumes, elements) {
      detach();
      layout = 'compare';
      const current = createCompareLayout(engine, volumes, elements, stackGroup);
      compare = current;
      viewportIds = [...current.viewportIds];
      current.viewportIds.forEach((id, i) => {
        const volume = volumes[i];
        if (volume) viewportVolumes.set(id, volume);
        const element = elements[i];
        if (!element) return;
        const onRendered = (): void => publishInfo();
        element.addEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
        elementListeners.push(() =>
          element.removeEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered),
        );
      });
      applyPrimary();
      const token = ++showToken;
      loading = true;
      return current.loaded.then(
        () => {
          if (token !== showToken) return;
          loading = false;
          const first = volumes[0];
          if (first) {
            const window = first.window ?? autoWindow(first.data);
            this.setWindow(window.center, window.width);
          }
          engine.render();
          const displayed = volumes.map((volume, i): DisplayedViewports => ({
            volume,
            volumeId: current.volumeIds[i] ?? null,
            viewports: [{ viewportId: current.viewportIds[i]!, element: elements[i]! }],
          }));
          const waits = [...compareListeners].map((listener) => listener(displayed));
          void Promise.allSettled(waits).then(() => {
            if (token !== showToken) return;
            // Labelmaps are in: start every date at the first one's position, then jump.
            current.alignToFirst();
            applyPendingJump();
          });
        },
        (error: unknown) => {
          if (token === showToken) loading = false;
          throw error;
        },
      );
    },
    onCompareDisplayed(listener) {
      compareListeners.add(listener);
      return () => compareListeners.delete(listener);
    },
    jumpToWorldIn(points) {
      // Series still loading or about to be shown (a layout change the caller just asked for)
      // take the jump when their views are ready.
      pendingJump = loading || !applyJump(points) ? points : null;
    },
    setPrimaryTool(tool) {
      primary = tool;
      applyPrimary();
    },
    setWindow(center, width) {
      const range = csUtils.windowLevel.toLowHighRange(width, center);
      for (const id of viewportIds) {
        const viewport = engine.getViewport(id) as Types.IStackViewport | Types.IVolumeViewport;
        viewport.setProperties({ voiRange: range });
        viewport.render();
      }
    },
    scroll(delta) {
      const viewport = engine.getViewport(viewportIds[0] ?? '');
      if (viewport) csUtils.scroll(viewport, { delta });
    },
    zoomBy(factor) {
      for (const id of viewportIds) {
        const viewport = engine.getViewport(id);
        if (!viewport) continue;
        viewport.setZoom(viewport.getZoom() * factor);
        viewport.render();
      }
    },
    reset() {
      for (const id of viewportIds) {
        const viewport = engine.getViewport(id) as Types.IStackViewport | Types.IVolumeViewport;
        viewport.resetCamera();
        viewport.resetProperties();
        viewport.render();
      }
    },
    resize() {
      engine.resize(true, true);
    },
    onInfo(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onDisplayed(listener) {
      displayedListeners.add(listener);
      return () => displayedListeners.delete(listener);
    },
    getViewport: (viewportId) => engine.getViewport(viewportId),
    pickWorldPoint() {
      cancelPick?.();
      return new Promise((resolve) => {
        const removers: Array<() => void> = [];
        const finish = (
          result: { volumeKey: string; world: readonly [number, number, number] } | null,
        ): void => {
          for (const remove of removers) remove();
          cancelPick = null;
          resolve(result);
        };
        cancelPick = () => finish(null);
        for (const id of viewportIds) {
          const viewport = engine.getViewport(id);
          const element = viewport?.element;
          // Listen on the cell, in the capture phase, so no tool sees this click.
          const target = element?.parentElement ?? element;
          if (!viewport || !element || !target) continue;
          const swallow = (event: Event): void => {
            event.preventDefault();
            event.stopImmediatePropagation();
          };
          const onDown = (event: PointerEvent): void => {
            if (event.button !== 0) return;
            swallow(event);
            const rect = element.getBoundingClientRect();
            const world = viewport.canvasToWorld([
              event.clientX - rect.left,
              event.clientY - rect.top,
            ]);
            finish({
              volumeKey: viewportVolumes.get(id)?.key ?? '',
              world: [world[0], world[1], world[2]],
            });
          };
          element.classList.add('picking');
          target.addEventListener('pointerdown', onDown, { capture: true });
          target.addEventListener('mousedown', swallow, { capture: true });
          removers.push(() => {
            element.classList.remove('picking');
            target.removeEventListener('pointerdown', onDown, { capture: true });
            target.removeEventListener('mousedown', swallow, { capture: true });
          });
        }
        const onKey = (event: KeyboardEvent): void => {
          if (event.key !== 'Escape') return;
          event.stopImmediatePropagation();
          finish(null);
        };
        window.addEventListener('keydown', onKey, { capture: true });
        removers.push(() => window.removeEventListener('keydown', onKey, { capture: true }));
      });
    },
    cancelPick: () => cancelPick?.(),
    jumpToWorld(world) {
      for (const id of viewportIds) moveToWorld(id, world);
    },
    render: () => engine.render(),
    destroy() {
      detach();
      listeners.clear();
      ToolGroupManager.destroyToolGroup(STACK_GROUP);
      ToolGroupManager.destroyToolGroup(MPR_GROUP);
      engine.destroy();
    },
  };
}
