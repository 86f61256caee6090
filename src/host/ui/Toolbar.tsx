import type { Layout, PrimaryTool } from '../../viewport/createViewportController';
import { CT_PRESETS, type WindowPreset } from '../../viewport/windowPresets';

interface ToolbarProps {
  readonly layout: Layout;
  readonly canMpr: boolean;
  readonly tool: PrimaryTool;
  readonly modality: string | null;
  readonly onLayout: (layout: Layout) => void;
  readonly onTool: (tool: PrimaryTool) => void;
  readonly onPreset: (preset: WindowPreset | 'auto') => void;
  readonly onReset: () => void;
  /** Show 3D (beside the slice views); the button is left out when not given. */
  readonly show3d?: boolean;
  readonly onToggle3d?: () => void;
}

const TOOLS: ReadonlyArray<{ id: PrimaryTool; label: string; key: string }> = [
  { id: 'windowLevel', label: 'Window/Level', key: 'W' },
  { id: 'pan', label: 'Pan', key: 'P' },
  { id: 'zoom', label: 'Zoom', key: 'Z' },
  { id: 'crosshairs', label: 'Crosshairs', key: 'C' },
];

export function Toolbar(props: ToolbarProps) {
  const { layout, canMpr, tool, modality } = props;
  return (
    <div className="toolbar" role="toolbar" aria-label="Viewer tools">
      <div role="group" aria-label="Layout">
        <button
          type="button"
          aria-pressed={layout === 'stack'}
          onClick={() => props.onLayout('stack')}
          aria-keyshortcuts="M"
        >
          Stack
        </button>
        <button
          type="button"
          aria-pressed={layout === 'mpr'}
          disabled={!canMpr}
          onClick={() => props.onLayout('mpr')}
          aria-keyshortcuts="M"
        >
          MPR
        </button>
        {props.onToggle3d && (
          <button
            type="button"
            aria-pressed={props.show3d ?? false}
            onClick={props.onToggle3d}
            aria-keyshortcuts="V"
            title="Show 3D: volume rendering with the segments, beside the slice views (V)"
          >
            3D
          </button>
        )}
      </div>
      <div role="group" aria-label="Mouse tool">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            type="button"
            aria-pressed={tool === t.id}
            disabled={t.id === 'crosshairs' && layout !== 'mpr'}
            onClick={() => props.onTool(t.id)}
            aria-keyshortcuts={t.key}
            title={`${t.label} (${t.key})`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="group" aria-label="Window presets">
        {modality === 'CT' ? (
          CT_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() => props.onPreset(p)}
              aria-keyshortcuts={p.key}
              title={`${p.label} (${p.key})`}
            >
              {p.label}
            </button>
          ))
        ) : (
          <button type="button" onClick={() => props.onPreset('auto')} aria-keyshortcuts="1">
            Auto window
          </button>
        )}
      </div>
      <button type="button" onClick={props.onReset} aria-keyshortcuts="R" title="Reset view (R)">
        Reset
      </button>
    </div>
  );
}
