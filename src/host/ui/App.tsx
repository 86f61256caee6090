import { useCallback, useMemo, useState, useSyncExternalStore, type DragEvent } from 'react';
import type { Host } from '../createHost';
import {
  createLocalFileDataSource,
  filesFromDataTransfer,
} from '../../datasource/localFileDataSource';
import { createSampleDataSource } from '../../datasource/sampleDataSource';
import {
  isEditingTool,
  type Layout,
  type PrimaryTool,
  type ViewportController,
} from '../../viewport/createViewportController';
import type { SegmentEditor } from '../../segmentation/createSegmentEditor';
import type { DicomSegInterop } from '../../segmentation/dicomSeg/createDicomSegInterop';
import { SegmentEditorPanel } from '../../segmentation/ui/SegmentEditorPanel';
import { ViewportGrid } from '../../viewport/ViewportGrid';
import { Show3dPanel } from '../../volume3d';
import { CT_PRESETS, autoWindow } from '../../viewport/windowPresets';
import { LoadProblems } from './LoadProblems';
import { OpenControls } from './OpenControls';
import type { PacsConnection } from './pacs/createPacsConnection';
import { PacsHeader, usePacsSender } from './pacs/PacsHeader';
import { SeriesBrowser } from './SeriesBrowser';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';

interface AppProps {
  readonly host: Host;
  readonly controller: ViewportController;
  readonly editor: SegmentEditor;
  /** DICOM SEG export and load in the segment editor. */
  readonly dicomSeg?: DicomSegInterop;
  readonly cpuFallback: boolean;
  /** The PACS (DICOMweb): settings, study browser, loading and the STOW-RS outbox. */
  readonly pacs?: PacsConnection;
}

const SHORTCUT_HELP =
  'W window/level · P pan · Z zoom · C crosshairs · M stack/MPR · V 3D · 1–3 presets · ↑/↓ slice · +/− zoom · R reset';

/** The panels plugins contributed for one side of the window. */
function PluginPanels({
  host,
  location,
}: {
  readonly host: Host;
  readonly location: 'left' | 'right' | 'bottom';
}) {
  return host.plugins
    .panels()
    .filter((panel) => panel.location === location)
    .map((panel, index) =>
      location === 'bottom' ? (
        // The first bottom panel starts open; the others open on demand (viewport space).
        <details
          key={`${panel.pluginId}/${panel.id}`}
          className="panel bottom-panel"
          open={index === 0}
        >
          <summary>
            <h2>{panel.title}</h2>
          </summary>
          <section aria-label={panel.title}>
            <panel.component host={host.api} />
          </section>
        </details>
      ) : (
        <section key={`${panel.pluginId}/${panel.id}`} aria-label={panel.title} className="panel">
          <h2>{panel.title}</h2>
          <panel.component host={host.api} />
        </section>
      ),
    );
}

export function App({ host, controller, editor, dicomSeg, cpuFallback, pacs }: AppProps) {
  const state = useSyncExternalStore(host.store.subscribe, host.store.getState);
  const pacsSender = usePacsSender(pacs);
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const [dragging, setDragging] = useState(false);
  const [show3d, setShow3d] = useState(false);
  const viewerLayout = state.displayed?.layout ?? 'stack';
  // Stack/MPR buttons and shortcuts leave the comparison for the single series.
  const layout: Layout = viewerLayout === 'mpr' ? 'mpr' : 'stack';
  const compare = useMemo(
    () =>
      viewerLayout === 'compare' && state.displayed?.compared
        ? {
            volumes: state.compareVolumes,
            labels: state.displayed.compared.map((s) => {
              const study = state.patients
                .flatMap((p) => p.studies)
                .find((st) => st.studyInstanceUid === s.studyInstanceUid);
              return `${study?.date ?? 'undated'} ${s.modality} ${s.description}`.trim();
            }),
          }
        : undefined,
    [viewerLayout, state.displayed, state.compareVolumes, state.patients],
  );
  const series = state.displayed?.series ?? null;
  const volume = state.volume;

  const chooseTool = useCallback(
    (next: PrimaryTool) => {
      setTool(next);
      controller.setPrimaryTool(next);
      editor.setTool(isEditingTool(next) ? next : null);
    },
    [controller, editor],
  );
  const openLayout = useCallback(
    (next: Layout) => {
      if (!series) return;
      // MPR opens with the crosshairs on the primary button, as in Slicer and OHIF.
      if (next === 'mpr') chooseTool('crosshairs');
      else if (tool === 'crosshairs') chooseTool('windowLevel');
      void host.api.displaySeries(series.id, next);
    },
    [host, series, tool, chooseTool],
  );
  const applyAutoWindow = useCallback(() => {
    if (!volume) return;
    const w = volume.modality === 'CT' && volume.window ? volume.window : autoWindow(volume.data);
    controller.setWindow(w.center, w.width);
  }, [controller, volume]);

  const shortcuts = useMemo<Record<string, () => void>>(() => {
    const map: Record<string, () => void> = {
      w: () => chooseTool('windowLevel'),
      p: () => chooseTool('pan'),
      z: () => chooseTool('zoom'),
      c: () => layout === 'mpr' && chooseTool('crosshairs'),
      m: () => openLayout(layout === 'mpr' ? 'stack' : 'mpr'),
      v: () => setShow3d((shown) => !shown),
      r: () => controller.reset(),
      ArrowUp: () => controller.scroll(-1),
      ArrowDown: () => controller.scroll(1),
      PageUp: () => controller.scroll(-10),
      PageDown: () => controller.scroll(10),
      '+': () => controller.zoomBy(1.25),
      '=': () => controller.zoomBy(1.25),
      '-': () => controller.zoomBy(0.8),
      b: () => chooseTool('paint'),
      d: () => chooseTool('draw'),
      e: () => chooseTool('erase'),
      Escape: () => isEditingTool(tool) && chooseTool('windowLevel'),
      '[': () =>
        editor.updateSettings({
          radiusMm: Math.max(0.5, editor.store.getState().settings.radiusMm / 1.25),
        }),
      ']': () =>
        editor.updateSettings({
          radiusMm: Math.min(100, editor.store.getState().settings.radiusMm * 1.25),
        }),
      'Ctrl+z': () => editor.store.getState().session?.undo(),
      'Ctrl+Shift+z': () => editor.store.getState().session?.redo(),
      'Ctrl+y': () => editor.store.getState().session?.redo(),
    };
    if (volume?.modality === 'CT') {
      for (const preset of CT_PRESETS)
        map[preset.key] = () => controller.setWindow(preset.center, preset.width);
    } else {
      map['1'] = applyAutoWindow;
    }
    return map;
  }, [chooseTool, openLayout, layout, controller, volume, applyAutoWindow, editor, tool]);
  useShortcuts(shortcuts);

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    void filesFromDataTransfer(event.dataTransfer.items).then((files) => {
      if (files.length > 0) void host.loadSource(createLocalFileDataSource(files));
    });
  };

  const title = series ? `${series.modality} ${series.description}` : '';

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="app-header">
        <h1>Liver lesion review</h1>
        <OpenControls
          busy={state.progress !== null}
          onFiles={(files) => void host.loadSource(createLocalFileDataSource(files))}
          onSamples={() => void host.loadSource(createSampleDataSource())}
        />
        {pacs && <PacsHeader pacs={pacs} host={host} />}
        {state.progress && (
          <div className="progress" role="status" aria-live="polite">
            {state.progress.label}
            {state.progress.total > 0 && (
              <progress
                value={state.progress.done}
                max={state.progress.total}
                aria-label="Loading progress"
              />
            )}
          </div>
        )}
      </header>
      {cpuFallback && (
        <p role="alert" className="alert">
          WebGL is not available: images render on the CPU and MPR and segmentation tools will not
          work.
        </p>
      )}
      <aside className="left" aria-label="Studies">
        <SeriesBrowser
          patients={state.patients}
          displayed={state.displayed}
          onOpen={(s) => void host.api.displaySeries(s.id, layout)}
        />
        <LoadProblems problems={state.problems} />
        <PluginPanels host={host} location="left" />
      </aside>
      <main className="center">
        <Toolbar
          layout={layout}
          canMpr={volume?.isVolume ?? false}
          tool={tool}
          modality={volume?.modality ?? null}
          onLayout={openLayout}
          onTool={chooseTool}
          onPreset={(p) =>
            p === 'auto' ? applyAutoWindow() : controller.setWindow(p.center, p.width)
          }
          onReset={() => controller.reset()}
          show3d={show3d}
          onToggle3d={() => setShow3d((shown) => !shown)}
        />
        <div className="view-row">
          <ViewportGrid
            controller={controller}
            volume={volume}
            layout={viewerLayout}
            title={title}
            lines={state.lines}
            {...(compare ? { compare } : {})}
          />
          {show3d && <Show3dPanel volume={volume} title={title} sessions={editor.store} />}
        </div>
        {state.pickPrompt && (
          <p role="status" className="pick-prompt">
            {state.pickPrompt} (click on the image; Escape cancels)
          </p>
        )}
        <PluginPanels host={host} location="bottom" />
        <p className="shortcuts muted" aria-label="Keyboard shortcuts">
          {SHORTCUT_HELP}
        </p>
      </main>
      <aside className="right" aria-label="Tools and plugins">
        <section aria-label="Segment editor" className="panel">
          <h2>Segment editor</h2>
          <SegmentEditorPanel
            editor={editor}
            onTool={(t) => chooseTool(t ?? 'windowLevel')}
            {...(dicomSeg ? { dicomSeg } : {})}
            pacs={pacsSender}
          />
        </section>
        <PluginPanels host={host} location="right" />
      </aside>
      <div className="notices" role="log" aria-live="polite" aria-label="Notifications">
        {state.notices.map((n) => (
          <div key={n.id} className={`notice ${n.level}`}>
            {n.message}
            <button
              type="button"
              aria-label="Dismiss notification"
              onClick={() => host.dismissNotice(n.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
