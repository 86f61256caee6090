import { useState, useSyncExternalStore } from 'react';
import type { EditingTool } from '../../viewport/createViewportController';
import type { SegmentationSession } from '../createSegmentationSession';
import type { SegmentEditor } from '../createSegmentEditor';
import type { DicomSegInterop } from '../dicomSeg/createDicomSegInterop';
import type { PacsSender } from '../../datasource/dicomweb/outbox';
import type { PlaneAxis } from '../engine';
import { THRESHOLD_PRESETS, type SegmentTypeContribution } from '../types';
import { DicomSegSection } from './DicomSegSection';
import { HistoryUsageNote } from './HistoryUsageNote';
import { SegmentList } from './SegmentList';

interface SegmentEditorPanelProps {
  readonly editor: SegmentEditor;
  readonly onTool: (tool: EditingTool | null) => void;
  /** DICOM SEG export and load (absent: the section is not shown). */
  readonly dicomSeg?: DicomSegInterop;
  /** The configured PACS, for "Send to PACS" in the DICOM section. */
  readonly pacs?: PacsSender | undefined;
}

const EFFECTS: ReadonlyArray<{ id: EditingTool; label: string; key: string }> = [
  { id: 'paint', label: 'Paint', key: 'B' },
  { id: 'draw', label: 'Draw', key: 'D' },
  { id: 'erase', label: 'Erase', key: 'E' },
];

const NO_SESSION = { subscribe: () => () => undefined, getState: () => null };

export function SegmentEditorPanel({ editor, onTool, dicomSeg, pacs }: SegmentEditorPanelProps) {
  const state = useSyncExternalStore(editor.store.subscribe, editor.store.getState);
  const session = state.session;
  const source = session ?? NO_SESSION;
  const sessionState = useSyncExternalStore(source.subscribe, source.getState);
  if (!session || !sessionState) {
    return <p className="muted">{state.unavailableReason}</p>;
  }
  const { settings } = state;
  const lesionType = state.segmentTypes.find((t) => t.isLesion) ?? state.segmentTypes[0];
  return (
    <div className="segment-editor">
      <AddSegment
        session={session}
        types={state.segmentTypes}
        defaultTypeId={lesionType?.id ?? ''}
      />
      <SegmentList session={session} state={sessionState} segmentTypes={state.segmentTypes} />
      <div role="group" aria-label="Effects" className="effects">
        {EFFECTS.map((effect) => (
          <button
            key={effect.id}
            type="button"
            aria-pressed={state.tool === effect.id}
            aria-keyshortcuts={effect.key}
            title={`${effect.label} (${effect.key})`}
            onClick={() => onTool(state.tool === effect.id ? null : effect.id)}
          >
            {effect.label}
          </button>
        ))}
        <button
          type="button"
          onClick={() => session.undo()}
          disabled={!sessionState.canUndo}
          aria-keyshortcuts="Control+Z"
        >
          Undo
        </button>
        <button
          type="button"
          onClick={() => session.redo()}
          disabled={!sessionState.canRedo}
          aria-keyshortcuts="Control+Shift+Z"
        >
          Redo
        </button>
        <HistoryUsageNote usage={sessionState.history} />
      </div>
      <fieldset>
        <legend>Brush</legend>
        <label>
          Radius (mm)
          <input
            type="number"
            min={0.5}
            max={100}
            step={0.5}
            value={Number(settings.radiusMm.toFixed(1))}
            onChange={(e) =>
              editor.updateSettings({
                radiusMm: Math.max(0.5, Number(e.currentTarget.value) || 0.5),
              })
            }
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.sphere}
            onChange={(e) => editor.updateSettings({ sphere: e.currentTarget.checked })}
          />
          3D sphere
        </label>
        <p className="muted">Shift+wheel or [ ] change the radius.</p>
      </fieldset>
      <fieldset>
        <legend>Masking</legend>
        <label>
          <input
            type="checkbox"
            checked={settings.threshold.enabled}
            onChange={(e) =>
              editor.updateSettings({
                threshold: { ...settings.threshold, enabled: e.currentTarget.checked },
              })
            }
          />
          Editable intensity range
        </label>
        <label>
          Min
          <input
            type="number"
            value={settings.threshold.min}
            onChange={(e) =>
              editor.updateSettings({
                threshold: { ...settings.threshold, min: Number(e.currentTarget.value) },
              })
            }
          />
        </label>
        <label>
          Max
          <input
            type="number"
            value={settings.threshold.max}
            onChange={(e) =>
              editor.updateSettings({
                threshold: { ...settings.threshold, max: Number(e.currentTarget.value) },
              })
            }
          />
        </label>
        <label>
          Preset
          <select
            value=""
            onChange={(e) => {
              const preset = THRESHOLD_PRESETS[Number(e.currentTarget.value)];
              if (preset)
                editor.updateSettings({
                  threshold: { enabled: true, min: preset.min, max: preset.max },
                });
            }}
          >
            <option value="">Choose…</option>
            {THRESHOLD_PRESETS.map((preset, i) => (
              <option key={preset.label} value={i}>
                {preset.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Overwrite other segments
          <select
            value={settings.overwrite}
            onChange={(e) =>
              editor.updateSettings({
                overwrite: e.currentTarget.value === 'none' ? 'none' : 'all',
              })
            }
          >
            <option value="all">Yes (all unlocked)</option>
            <option value="none">No: paint empty voxels only</option>
          </select>
        </label>
        <label>
          Erase
          <select
            value={settings.eraseScope}
            onChange={(e) =>
              editor.updateSettings({
                eraseScope: e.currentTarget.value === 'all' ? 'all' : 'active',
              })
            }
          >
            <option value="active">Active segment only</option>
            <option value="all">All unlocked segments</option>
          </select>
        </label>
      </fieldset>
      <SegmentTools session={session} activeIndex={sessionState.activeIndex} />
      <fieldset>
        <legend>Display</legend>
        <label>
          Fill opacity
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={state.style.fillAlpha}
            onChange={(e) => editor.updateStyle({ fillAlpha: Number(e.currentTarget.value) })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={state.style.outline}
            onChange={(e) => editor.updateStyle({ outline: e.currentTarget.checked })}
          />
          Outline
        </label>
      </fieldset>
      {dicomSeg && (
        <DicomSegSection
          key={session.seriesKey}
          interop={dicomSeg}
          session={session}
          state={sessionState}
          pacs={pacs}
        />
      )}
    </div>
  );
}

function AddSegment({
  session,
  types,
  defaultTypeId,
}: {
  readonly session: SegmentationSession;
  readonly types: readonly SegmentTypeContribution[];
  readonly defaultTypeId: string;
}) {
  const [typeId, setTypeId] = useState(defaultTypeId);
  const type = types.find((t) => t.id === typeId) ?? types[0];
  return (
    <div className="add-segment">
      <select
        aria-label="Type of the new segment"
        value={typeId}
        onChange={(e) => setTypeId(e.currentTarget.value)}
      >
        {types.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={!type} onClick={() => type && session.addSegment(type)}>
        Add segment
      </button>
    </div>
  );
}

const AXES: ReadonlyArray<{ id: PlaneAxis; label: string }> = [
  { id: 'k', label: 'acquisition slices' },
  { id: 'j', label: 'rows (coronal for axial scans)' },
  { id: 'i', label: 'columns (sagittal for axial scans)' },
];

/** Slicer's Islands and Fill between slices, on the active segment. */
function SegmentTools({
  session,
  activeIndex,
}: {
  readonly session: SegmentationSession;
  readonly activeIndex: number | null;
}) {
  const [minVoxels, setMinVoxels] = useState(100);
  const [axis, setAxis] = useState<PlaneAxis>('k');
  const disabled = activeIndex === null;
  const active = activeIndex ?? 0;
  return (
    <fieldset>
      <legend>Islands and interpolation (active segment)</legend>
      <button type="button" disabled={disabled} onClick={() => session.splitIslands(active)}>
        Split islands into segments
      </button>
      <label>
        Remove islands smaller than
        <input
          type="number"
          min={1}
          value={minVoxels}
          onChange={(e) => setMinVoxels(Math.max(1, Number(e.currentTarget.value) || 1))}
        />
        voxels
      </label>
      <button
        type="button"
        disabled={disabled}
        onClick={() => session.removeSmallIslands(active, minVoxels)}
      >
        Remove small islands
      </button>
      <label>
        Fill between slices along
        <select value={axis} onChange={(e) => setAxis(e.currentTarget.value as PlaneAxis)}>
          {AXES.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={disabled}
        onClick={() => session.fillBetweenSlices(active, axis)}
      >
        Fill between slices
      </button>
    </fieldset>
  );
}
