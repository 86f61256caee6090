import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createVolumeView, type VolumeView } from '../createVolumeView';
import { RENDER_PRESETS, defaultPresetFor, type RenderPresetId } from '../engine';
import type { LabelSource, Volume3dError, VolumeSource } from '../types';
import { attachOrbitControls } from './attachOrbitControls';
import './volume3d.css';

/** The segment editor's store, as far as the 3D view reads it. */
export interface SessionStore {
  getState(): { readonly session: (LabelSource & { readonly seriesKey: string }) | null };
  subscribe(listener: () => void): () => void;
}

interface Show3dPanelProps {
  readonly volume: VolumeSource | null;
  readonly title: string;
  readonly sessions: SessionStore;
}

/**
 * Slicer's "Show 3D": the displayed series volume-rendered with its segments, beside the
 * slice views. The GL context lives exactly as long as this panel.
 */
export function Show3dPanel({ volume, title, sessions }: Show3dPanelProps) {
  const viewElement = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<VolumeView | null>(null);
  const [createError, setCreateError] = useState<Volume3dError | null>(null);
  const [volumeError, setVolumeError] = useState<Volume3dError | null>(null);
  const [choice, setChoice] = useState<{ key: string; preset: RenderPresetId } | null>(null);
  const session = useSyncExternalStore(sessions.subscribe, () => sessions.getState().session);
  const preset: RenderPresetId =
    volume && choice?.key === volume.key
      ? choice.preset
      : defaultPresetFor(volume?.modality ?? 'CT');
  // The editor's session follows the displayed series a moment later: only this series'
  // session is drawn (its key starts with the volume's key, see createSegmentEditor).
  const labels = volume && session?.seriesKey.startsWith(`${volume.key}|`) ? session : null;

  useEffect(() => {
    const element = viewElement.current;
    if (!element) return;
    const created = createVolumeView(element);
    if ('code' in created) {
      setCreateError(created);
      return;
    }
    setCreateError(null);
    setView(created);
    const detachControls = attachOrbitControls(element, created);
    const stopFrames = created.onFrame((frame) => {
      // Read by tests and by anyone profiling: no React render per frame.
      element.dataset.fullFrames = String(frame.fullFrames);
      element.dataset.quality = frame.quality;
      element.dataset.gpuMs = frame.gpuMs.toFixed(1);
      element.dataset.size = `${frame.width}x${frame.height}`;
    });
    const stopErrors = created.onError(setCreateError);
    const observer = new ResizeObserver(() => created.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      stopErrors();
      stopFrames();
      detachControls();
      created.dispose();
      setView(null);
    };
  }, []);

  useEffect(() => {
    view?.setPreset(preset);
  }, [view, preset]);

  useEffect(() => {
    if (!view) return;
    setVolumeError(volume ? view.setVolume(volume) : null);
  }, [view, volume]);

  useEffect(() => {
    view?.setLabels(labels);
  }, [view, labels, volume]);

  const error = createError ?? volumeError;
  return (
    <section className="volume3d" aria-label="3D view">
      <div className="volume3d-bar" role="toolbar" aria-label="3D view controls">
        <label>
          3D preset{' '}
          <select
            value={preset}
            disabled={!volume}
            onChange={(e) =>
              volume && setChoice({ key: volume.key, preset: e.target.value as RenderPresetId })
            }
          >
            {RENDER_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            view?.resetCamera();
            viewElement.current?.focus();
          }}
          title="Reset the 3D view (R or Home with the 3D view focused)"
        >
          Reset 3D
        </button>
      </div>
      <div
        ref={viewElement}
        className="volume3d-view"
        data-testid="viewport-3d"
        tabIndex={0}
        role="application"
        aria-roledescription="3D view"
        aria-label={`3D view of ${title || 'no series'}: drag or arrow keys rotate, wheel or + and − zoom, R resets`}
        aria-describedby={error ? 'volume3d-error' : undefined}
        onContextMenu={(e) => e.preventDefault()}
      >
        {!error && volume && (
          <p className="volume3d-hint" aria-hidden="true">
            Drag / arrows: rotate · wheel / +−: zoom · R: reset
          </p>
        )}
      </div>
      {error && (
        <p id="volume3d-error" role="alert" className="volume3d-error" data-code={error.code}>
          {error.message} ({error.code})
        </p>
      )}
      {!volume && !error && <p className="volume3d-error muted">Open a series to see it in 3D.</p>}
    </section>
  );
}
