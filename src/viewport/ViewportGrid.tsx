import { useEffect, useRef, useState } from 'react';
import type { DisplayVolume } from './displayVolume';
import type { Layout, ViewportController, ViewportInfo } from './createViewportController';

interface ViewportGridProps {
  readonly controller: ViewportController;
  readonly volume: DisplayVolume | null;
  readonly layout: Layout;
  readonly title: string;
}

const SLOT_LABELS: Record<Layout, readonly string[]> = {
  stack: ['Stack'],
  mpr: ['Axial', 'Coronal', 'Sagittal'],
};

/** The viewport elements and their overlays; all cornerstone work is in the controller. */
export function ViewportGrid({ controller, volume, layout, title }: ViewportGridProps) {
  const elements = useRef<Array<HTMLDivElement | null>>([]);
  const [infos, setInfos] = useState<readonly ViewportInfo[]>([]);
  const effectiveLayout: Layout = layout === 'mpr' && volume?.isVolume ? 'mpr' : 'stack';
  const labels = SLOT_LABELS[effectiveLayout];

  useEffect(() => controller.onInfo(setInfos), [controller]);

  useEffect(() => {
    if (!volume) return;
    const targets = labels
      .map((_, i) => elements.current[i])
      .filter((e): e is HTMLDivElement => !!e);
    if (targets.length !== labels.length) return;
    void controller.show(volume, effectiveLayout, targets);
  }, [controller, volume, effectiveLayout, labels]);

  useEffect(() => {
    const observer = new ResizeObserver(() => controller.resize());
    for (const element of elements.current) if (element) observer.observe(element);
    return () => observer.disconnect();
  }, [controller, effectiveLayout]);

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
          <div className="viewport-cell" key={`${effectiveLayout}-${label}`}>
            <div
              className="viewport"
              data-testid={`viewport-${label.toLowerCase()}`}
              ref={(el) => {
                elements.current[i] = el;
              }}
              tabIndex={0}
              role="img"
              aria-label={`${label} view of ${title}`}
              onContextMenu={(e) => e.preventDefault()}
            />
            {info && (
              <div className="overlay" aria-hidden="true">
                <span className="ov-tl">
                  {label}
                  <br />
                  {title}
                </span>
                <span className="ov-tr" data-testid={`slice-info-${label.toLowerCase()}`}>
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
