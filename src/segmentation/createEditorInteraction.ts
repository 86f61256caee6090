import type { Types } from '@cornerstonejs/core';
import type { Disposable } from '../plugin-api';
import type { DisplayedViewports, EditingTool } from '../viewport/createViewportController';
import type { Vec3 } from '../viewport/displayVolume';
import { viewAxis, worldToIndex } from '../viewport/volumeIndex';
import { brushRegion, polygonRegion, strokeRegion, type Ijk, type PlaneAxis } from './engine';
import type { SegmentationSession, StrokeHandle } from './createSegmentationSession';
import type { EditorSettings } from './types';

export interface EditorInteractionOptions {
  readonly displayed: DisplayedViewports;
  readonly session: SegmentationSession;
  readonly getViewport: (viewportId: string) => Types.IViewport | undefined;
  readonly getTool: () => EditingTool | null;
  readonly getSettings: () => EditorSettings;
  readonly setRadius: (radiusMm: number) => void;
  readonly notify: (message: string) => void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
// A press that moves less than this (CSS px) is a click: Draw adds a vertex.
const CLICK_SLOP_PX = 3;

interface ViewContext {
  readonly viewport: Types.IViewport;
  readonly axis: PlaneAxis;
}

/** In-plane coordinates of an index point for a 2D edit along `axis`. */
function inPlane(ijk: Ijk, axis: PlaneAxis): [number, number] {
  if (axis === 'k') return [ijk[0], ijk[1]];
  if (axis === 'j') return [ijk[0], ijk[2]];
  return [ijk[1], ijk[2]];
}

const AXIS_INDEX = { i: 0, j: 1, k: 2 } as const;

/**
 * Mouse handling of Paint, Erase and Draw on the displayed viewports, with the brush
 * cursor and the polygon drawn as an SVG overlay. All voxel work goes through the session
 * (pure engine); this module only turns pointer positions into index coordinates.
 */
export function createEditorInteraction(options: EditorInteractionOptions): Disposable {
  const { displayed, session } = options;
  const volume = displayed.volume;
  const cleanups: Array<() => void> = [];

  for (const { viewportId, element } of displayed.viewports) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', 'editor-overlay');
    svg.setAttribute('aria-hidden', 'true');
    const cursor = document.createElementNS(SVG_NS, 'circle');
    cursor.setAttribute('class', 'brush-cursor');
    const polygon = document.createElementNS(SVG_NS, 'polyline');
    polygon.setAttribute('class', 'draw-outline');
    svg.append(cursor, polygon);
    element.append(svg);

    let stroke: StrokeHandle | null = null;
    let last: Ijk | null = null;
    let drawPoints: Array<[number, number]> = [];
    let downAt: [number, number] | null = null;
    let dragged = false;

    const context = (): ViewContext | null => {
      const viewport = options.getViewport(viewportId);
      if (!viewport) return null;
      const normal = viewport.getCamera().viewPlaneNormal as Vec3 | undefined;
      const axis = normal ? viewAxis(volume, normal) : null;
      return axis ? { viewport, axis } : null;
    };
    const canvasPoint = (event: PointerEvent | MouseEvent): [number, number] => {
      const rect = element.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    };
    const toIndex = (ctx: ViewContext, point: [number, number]): Ijk =>
      worldToIndex(volume, ctx.viewport.canvasToWorld(point) as Vec3);
    const mmPerPixel = (ctx: ViewContext): number => {
      const a = ctx.viewport.canvasToWorld([0, 0]);
      const b = ctx.viewport.canvasToWorld([100, 0]);
      return Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / 100;
    };
    const regionOptions = (ctx: ViewContext) => {
      const settings = options.getSettings();
      return {
        radiusMm: settings.radiusMm,
        shape: settings.sphere ? ('sphere' as const) : ('circle' as const),
        plane: ctx.axis,
        geometry: session.labelmap.geometry,
      };
    };
    const updateCursor = (point: [number, number] | null): void => {
      const tool = options.getTool();
      const ctx = point ? context() : null;
      if (!point || !ctx || (tool !== 'paint' && tool !== 'erase')) {
        cursor.setAttribute('r', '0');
        return;
      }
      cursor.setAttribute('cx', String(point[0]));
      cursor.setAttribute('cy', String(point[1]));
      cursor.setAttribute('r', String(options.getSettings().radiusMm / mmPerPixel(ctx)));
      cursor.setAttribute('data-mode', tool);
    };
    const drawPolyline = (): void => {
      polygon.setAttribute('points', drawPoints.map((p) => p.join(',')).join(' '));
    };
    const finishPolygon = (): void => {
      const ctx = context();
      const points = drawPoints;
      drawPoints = [];
      drawPolyline();
      if (!ctx || points.length < 3) return;
      const indices = points.map((p) => toIndex(ctx, p));
      const sliceIndex = Math.round(indices[0]?.[AXIS_INDEX[ctx.axis]] ?? 0);
      const handle = session.beginStroke('paint', options.getSettings(), volume.data);
      if (!handle) {
        options.notify('Add or select an unlocked segment before drawing.');
        return;
      }
      handle.add(
        polygonRegion({
          vertices: indices.map((ijk) => inPlane(ijk, ctx.axis)),
          plane: ctx.axis,
          sliceIndex,
          geometry: session.labelmap.geometry,
        }),
      );
      handle.end();
    };

    const onPointerDown = (event: PointerEvent): void => {
      const tool = options.getTool();
      if (!tool || event.button !== 0) return;
      const ctx = context();
      if (!ctx) {
        options.notify('Editing works in views aligned with the volume axes, not oblique ones.');
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      element.setPointerCapture(event.pointerId);
      const point = canvasPoint(event);
      downAt = point;
      dragged = false;
      if (tool === 'draw') {
        drawPoints.push(point);
        drawPolyline();
        return;
      }
      stroke = session.beginStroke(tool, options.getSettings(), volume.data);
      if (!stroke) {
        options.notify('Add or select an unlocked segment before painting.');
        return;
      }
      last = toIndex(ctx, point);
      stroke.add(brushRegion({ center: last, ...regionOptions(ctx) }));
    };
    const onPointerMove = (event: PointerEvent): void => {
      const point = canvasPoint(event);
      updateCursor(point);
      if (!downAt) return;
      if (Math.hypot(point[0] - downAt[0], point[1] - downAt[1]) > CLICK_SLOP_PX) dragged = true;
      const ctx = context();
      if (!ctx) return;
      if (options.getTool() === 'draw') {
        if (dragged) {
          drawPoints.push(point);
          drawPolyline();
        }
        return;
      }
      if (!stroke || !last) return;
      const next = toIndex(ctx, point);
      stroke.add(strokeRegion({ from: last, to: next, ...regionOptions(ctx) }));
      last = next;
    };
    const onPointerUp = (event: PointerEvent): void => {
      if (!downAt) return;
      downAt = null;
      if (element.hasPointerCapture(event.pointerId))
        element.releasePointerCapture(event.pointerId);
      if (options.getTool() === 'draw') {
        // Slicer's Draw: a drag draws a closed outline that fills on release; clicks add
        // vertices, closed by a double-click or Enter.
        if (dragged) finishPolygon();
        return;
      }
      stroke?.end();
      stroke = null;
      last = null;
    };
    const onDoubleClick = (event: MouseEvent): void => {
      if (options.getTool() !== 'draw') return;
      event.preventDefault();
      finishPolygon();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (options.getTool() !== 'draw' || drawPoints.length === 0) return;
      if (event.key !== 'Enter' && event.key !== 'Escape') return;
      // The key belongs to the polygon being drawn, not to the viewer's shortcuts.
      event.stopPropagation();
      if (event.key === 'Enter') finishPolygon();
      else {
        drawPoints = [];
        drawPolyline();
      }
    };
    const onWheel = (event: WheelEvent): void => {
      const tool = options.getTool();
      if (!event.shiftKey || (tool !== 'paint' && tool !== 'erase')) return;
      // Shift+wheel resizes the brush (Slicer); the plain wheel still scrolls slices.
      event.preventDefault();
      event.stopPropagation();
      const radius = options.getSettings().radiusMm;
      options.setRadius(Math.max(0.5, Math.min(100, radius * (event.deltaY < 0 ? 1.1 : 1 / 1.1))));
      updateCursor(canvasPoint(event));
    };
    const onLeave = (): void => updateCursor(null);

    element.addEventListener('pointerdown', onPointerDown, { capture: true });
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', onPointerUp);
    element.addEventListener('pointercancel', onPointerUp);
    element.addEventListener('dblclick', onDoubleClick);
    element.addEventListener('wheel', onWheel, { capture: true, passive: false });
    element.addEventListener('pointerleave', onLeave);
    window.addEventListener('keydown', onKeyDown, { capture: true });
    cleanups.push(() => {
      element.removeEventListener('pointerdown', onPointerDown, { capture: true });
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', onPointerUp);
      element.removeEventListener('pointercancel', onPointerUp);
      element.removeEventListener('dblclick', onDoubleClick);
      element.removeEventListener('wheel', onWheel, { capture: true });
      element.removeEventListener('pointerleave', onLeave);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      stroke?.end();
      svg.remove();
    });
  }
  return { dispose: () => cleanups.forEach((cleanup) => cleanup()) };
}
