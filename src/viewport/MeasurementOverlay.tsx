import type { LineAnnotation } from '../plugin-api';
import type { ViewportController } from './createViewportController';

interface MeasurementOverlayProps {
  readonly controller: ViewportController;
  readonly viewportId: string;
  /** DisplayVolume.key (= series id) shown in this viewport. */
  readonly seriesId: string;
  readonly lines: readonly LineAnnotation[];
  /** Half the slice spacing (mm): a line farther than this from the plane is not on it. */
  readonly toleranceMm: number;
  /** Changes whenever the viewport renders, so the lines follow pan, zoom and scroll. */
  readonly renderKey: unknown;
}

/** Lines (RECIST axes) drawn in SVG over one viewport, on the slice that contains them. */
export function MeasurementOverlay(props: MeasurementOverlayProps) {
  const viewport = props.controller.getViewport(props.viewportId);
  if (!viewport) return null;
  const camera = viewport.getCamera();
  const normal = camera.viewPlaneNormal;
  const focal = camera.focalPoint;
  if (!normal || !focal) return null;
  const offPlane = (p: readonly number[]): number =>
    Math.abs(
      ((p[0] ?? 0) - focal[0]) * normal[0] +
        ((p[1] ?? 0) - focal[1]) * normal[1] +
        ((p[2] ?? 0) - focal[2]) * normal[2],
    );
  const visible = props.lines.filter(
    (line) =>
      line.seriesId === props.seriesId &&
      offPlane(line.fromMm) <= props.toleranceMm &&
      offPlane(line.toMm) <= props.toleranceMm,
  );
  if (visible.length === 0) return null;
  return (
    <svg className="measurement-overlay" aria-hidden="true" data-render={String(props.renderKey)}>
      {visible.map((line) => {
        const a = viewport.worldToCanvas([...line.fromMm]);
        const b = viewport.worldToCanvas([...line.toMm]);
        return (
          <g key={`${line.label}-${line.fromMm.join(',')}`} data-testid="measurement-line">
            <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} />
            <text x={b[0] + 4} y={b[1] - 4}>
              {line.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
