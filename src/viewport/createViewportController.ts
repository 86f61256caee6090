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
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { DisplayVolume } from './displayVolume';
import { createCornerstoneVolume } from './createCornerstoneVolume';
import { autoWindow } from './windowPresets';
import { edgeLabelsForCamera, type EdgeLabels } from './orientationLabels';

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
  /** Present when the series is shown through volume viewports (editing needs one). */
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
 * Owns the cornerstone rendering engine, viewports and tool groups for the main view.
 * React only hands it elements and calls these functions; all cornerstone glue lives here.
 */
export function createViewportController(): ViewportController {
  const engine = getRenderingEngine(ENGINE_ID) ?? new RenderingEngine(ENGINE_ID);
  const stackGroup = createToolGroup(STACK_GROUP, false);
  const mprGroup = createToolGroup(MPR_GROUP, true);
  const listeners = new Set<(info: readonly ViewportInfo[]) => void>();
  const displayedListeners = new Set<(displayed: DisplayedViewports | null) => void>();
  let layout: Layout = 'stack';
  let primary: PrimaryTool = 'windowLevel';
  let viewportIds: string[] = [];
  let elementListeners: Array<() => void> = [];
  let infoScheduled = false;
  let showToken = 0;

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
      : layout === 'stack' && primary === 'crosshairs'
        ? 'windowLevel'
        : primary;
    for (const [tool, name] of Object.entries(TOOL_NAMES)) {
      if (tool === 'crosshairs' && layout !== 'mpr') continue;
      if (tool === wanted) {
        group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Primary }] });
      } else if (tool === 'pan') {
        group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
      } else if (tool === 'zoom') {
        group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
      } else {
        // Passive crosshairs keep drawing the reference lines while another tool is in use.
        group.setToolPassive(name);
      }
    }
  }

  function detach(): void {
    if (viewportIds.length > 0) for (const listener of displayedListeners) listener(null);
    for (const remove of elementListeners) remove();
    elementListeners = [];
    for (const id of viewportIds) {
      stackGroup.removeViewports(ENGINE_ID, id);
      mprGroup.removeViewports(ENGINE_ID, id);
      engine.disableElement(id);
    }
    viewportIds = [];
  }

  return {
    show(volume, nextLayout, elements) {
      detach();
      const series = createCornerstoneVolume(volume);
      layout = nextLayout === 'mpr' && series.volumeId ? 'mpr' : 'stack';
      // A volume is shown through volume viewports even in the single view (in its acquisition
      // plane), so segmentations render and edit the same way in every layout.
      const inputs: Types.PublicViewportInput[] =
        layout === 'stack'
          ? [
              series.volumeId
                ? {
                    viewportId: 'stack',
                    type: CoreEnums.ViewportType.ORTHOGRAPHIC,
                    element: elements[0]!,
                    defaultOptions: {
                      orientation: CoreEnums.OrientationAxis.ACQUISITION,
                      background: [0, 0, 0],
                    },
                  }
                : {
                    viewportId: 'stack',
                    type: CoreEnums.ViewportType.STACK,
                    element: elements[0]!,
                  },
            ]
          : MPR_VIEWS.map((view, i) => ({
              viewportId: view.id,
              type: CoreEnums.ViewportType.ORTHOGRAPHIC,
              element: elements[i]!,
              defaultOptions: { orientation: view.orientation, background: [0, 0, 0] },
            }));
      engine.setViewports(inputs);
      viewportIds = inputs.map((input) => input.viewportId);
      const group = layout === 'mpr' ? mprGroup : stackGroup;
      for (const input of inputs) {
        group.addViewport(input.viewportId, ENGINE_ID);
        const onRendered = (): void => publishInfo();
        input.element.addEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered);
        elementListeners.push(() =>
          input.element.removeEventListener(CoreEnums.Events.IMAGE_RENDERED, onRendered),
        );
      }
      const loaded = series.volumeId
        ? setVolumesForViewports(engine, [{ volumeId: series.volumeId }], viewportIds)
        : (engine.getViewport('stack') as Types.IStackViewport).setStack(
            [...series.imageIds],
            Math.floor(series.imageIds.length / 2),
          );
      applyPrimary();
      const token = ++showToken;
      return loaded.then(() => {
        // A later show() superseded this one while it loaded.
        if (token !== showToken) return;
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
      });
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
    jumpToWorld(world) {
      for (const id of viewportIds) {
        const viewport = engine.getViewport(id);
        if (!viewport) continue;
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
