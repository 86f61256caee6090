import { useEffect, useRef, useState } from 'react';
import type { LineAnnotation } from '../plugin-api';
import type { DisplayVolume } from './displayVolume';
import { MeasurementOverlay } from './MeasurementOverlay';
import type { Layout, ViewportController, ViewportInfo } from './createViewportController';

interface ViewportGridProps {
  readonly controller: ViewportController;
  readonly volume: DisplayVolume | null;
  readonly layout: Layout | 'compare';
  readonly title: string;
  /** Lines plugins drew (RECIST axes), shown on the slice that contains them. */
  readonly lines?: readonly LineAnnotation[];
  /** The compare layout's series (oldest first) and a label per view (e.g. the study date). */
  readonly compare?: {
    readonly volumes: readonly DisplayVolume[];
    readonly labels: readonly string[];
  };
}

const SLOT_LABELS: Record<Layout, readonly string[]> = {
  stack: ['Stack'],
  mpr: ['Axial', 'Coronal', 'Sagittal'],
};

/** The viewport elements and their overlays; all cornerstone work is in the controller. */
export function ViewportGrid({
  controller,
  volume,
  layout,
  title,
  compare,
  lines = [],
}: ViewportGridProps) {
  const elements = useRef<Array<HTMLDivElement | null>>([]);
  const [infos, setInfos] = useState<readonly ViewportInfo[]>([]);
  const comparing = layout === 'compare' && compare !== undefined && compare.volumes.length > 0;
  const effectiveLayout: Layout | 'compare' = comparing
    ? 'compare'
    : layout === 'mpr' && volume?.isVolume
      ? 'mpr'
      : 'stack';
  const labels = comparing
    ? compare.labels
    : SLOT_LABELS[effectiveLayout === 'mpr' ? 'mpr' : 'stack'];
  const compareVolumes = comparing ? compare.volumes : null;

  useEffect(() => controller.onInfo(setInfos), [controller]);

  useEffect(() => {
    if (!volume) return;
    const targets = labels
      .map((_, i) => elements.current[i])
      .filter((e): e is HTMLDivElement => !!e);
    if (targets.length !== labels.length) return;
    if (compareVolumes) void controller.showCompare(compareVolumes, targets);
    else if (effectiveLayout !== 'compare') void controller.show(volume, effectiveLayout, targets);
  }, [controller, volume, effectiveLayout, labels, compareVolumes]);

  useEffect(() => {
    // Re-observed whenever the cells are re-created (first volume, layout, number of dates):
    // panels below the viewer grow and shrink, and the canvases must follow.
    const observer = new ResizeObserver(() => controller.resize());
    for (const element of elements.current) if (element) observer.observe(element);
    return () => observer.disconnect();
  }, [controller, effectiveLayout, labels, volume]);

  if (!volume) {
    return (
      <div className="viewport-empty" role="region" aria-label="Viewer">
        <p>Open a series from the list, or drop DICOM files or folders here.</p>
      </div>
    );
  }
  return (
    <div className={`viewport-grid layout-${effectiveLayout}`} role="region" aria-label="Viewer">
      {labels.map((label, i) => {
        const info = infos[i];
        return (
          <div className="viewport-cell" key={`${effectiveLayout}-${i}-${label}`}>
            <div
              className="viewport"
              data-testid={comparing ? `viewport-compare-${i}` : `viewport-${label.toLowerCase()}`}
              ref={(el) => {
                elements.current[i] = el;
              }}
              tabIndex={0}
              role="img"
              aria-label={comparing ? `${label} in the comparison` : `${label} view of ${title}`}
              onContextMenu={(e) => e.preventDefault()}
            />
            {info && lines.length > 0 && (
              <MeasurementOverlay
                controller={controller}
                viewportId={info.viewportId}
                seriesId={(compareVolumes ? compareVolumes[i] : volume)?.key ?? ''}
                lines={lines}
                toleranceMm={
                  Math.max(...((compareVolumes ? compareVolumes[i] : volume)?.spacing ?? [1])) / 2
                }
                renderKey={info}
              />
            )}
            {info && (
              <div className="overlay" aria-hidden="true">
                <span className="ov-tl">
                  {label}
                  {!comparing && (
                    <>
                      <br />
                      {title}
                    </>
                  )}
                </span>
                <span
                  className="ov-tr"
                  data-testid={
                    comparing ? `slice-info-compare-${i}` : `slice-info-${label.toLowerCase()}`
                  }
                >
                  Slice {info.sliceIndex + 1}/{info.sliceCount}
                  <br />
                  Pos {info.positionMm.toFixed(1)} mm
                </span>
                <span className="ov-bl">
                  {info.window
                    ? `W ${Math.round(info.window.width)} L ${Math.round(info.window.center)}`
                    : ''}
                </span>
                <span className="ov-edge ov-top">{info.edges.top}</span>
                <span className="ov-edge ov-bottom">{info.edges.bottom}</span>
                <span className="ov-edge ov-left">{info.edges.left}</span>
                <span className="ov-edge ov-right">{info.edges.right}</span>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
