import type { Disposable, SegmentTypeContribution } from '../plugin-api';
import { createStore, type Store } from '../host/createStore';
import type { EditingTool, ViewportController } from '../viewport/createViewportController';
import type { DisplayVolume } from '../viewport/displayVolume';
import { attachLabelmap, type LabelmapStyle } from './attachLabelmap';
import { createAutosaveStore, scheduleAutosave, type AutosaveStore } from './autosave';
import { createEditorInteraction } from './createEditorInteraction';
import { createSegmentationSession, type SegmentationSession } from './createSegmentationSession';
import { DEFAULT_EDITOR_SETTINGS, type EditorSettings, type SegmentInfo } from './types';

export interface SegmentEditorState {
  readonly session: SegmentationSession | null;
  /** Why the displayed series cannot be segmented, when it cannot. */
  readonly unavailableReason: string | null;
  readonly tool: EditingTool | null;
  readonly settings: EditorSettings;
  readonly style: LabelmapStyle;
  readonly segmentTypes: readonly SegmentTypeContribution[];
}

export interface SegmentEditor {
  readonly store: Store<SegmentEditorState>;
  setTool(tool: EditingTool | null): void;
  updateSettings(patch: Partial<EditorSettings>): void;
  updateStyle(patch: Partial<LabelmapStyle>): void;
  /** The session of a volume (created, or restored from autosave, on first use). */
  openSession(volume: DisplayVolume): Promise<SegmentationSession>;
  /** Sessions opened in this page's life. */
  openSessions(): Promise<readonly SegmentationSession[]>;
  /** Saved segmentations (possibly not opened yet): series key and segments. */
  listSaved(): Promise<
    ReadonlyArray<{ readonly seriesKey: string; readonly segments: readonly SegmentInfo[] }>
  >;
  /** Any session's voxels or segments changed (called at most once per frame per session). */
  onSessionChanged(listener: (session: SegmentationSession) => void): () => void;
  dispose(): void;
}

export interface SegmentEditorOptions {
  readonly controller: ViewportController;
  readonly segmentTypes: readonly SegmentTypeContribution[];
  readonly notify: (message: string, level?: 'info' | 'warning' | 'error') => void;
  readonly autosave?: AutosaveStore;
}

/** Sessions and saved segmentations are keyed by series and grid: `${seriesId}|CxRxS`. */
export function autosaveKey(volume: DisplayVolume): string {
  return `${volume.key}|${volume.dimensions.join('x')}`;
}

/** The SeriesSummary.id part of a session key. */
export function seriesIdOfKey(seriesKey: string): string {
  const bar = seriesKey.lastIndexOf('|');
  return bar < 0 ? seriesKey : seriesKey.slice(0, bar);
}

/**
 * The segment editor: one session per series (kept while the page lives, restored from
 * autosave when reopened), attached to whatever volume the viewports display.
 */
export function createSegmentEditor(options: SegmentEditorOptions): SegmentEditor {
  const autosave = options.autosave ?? createAutosaveStore();
  const sessions = new Map<string, Promise<SegmentationSession>>();
  const store = createStore<SegmentEditorState>({
    session: null,
    unavailableReason: 'No series is displayed.',
    tool: null,
    settings: DEFAULT_EDITOR_SETTINGS,
    style: { fillAlpha: 0.5, outline: true },
    segmentTypes: options.segmentTypes,
  });
  let attached: Disposable[] = [];
  let labelmapView: ReturnType<typeof attachLabelmap> | null = null;
  let showToken = 0;

  const changeListeners = new Set<(session: SegmentationSession) => void>();
  const pendingChanges = new Set<SegmentationSession>();
  let changeFrame = 0;
  const flushChanges = (): void => {
    changeFrame = 0;
    const changedSessions = [...pendingChanges];
    pendingChanges.clear();
    for (const session of changedSessions)
      for (const listener of changeListeners) listener(session);
  };

  function sessionFor(volume: DisplayVolume): Promise<SegmentationSession> {
    const key = autosaveKey(volume);
    let pending = sessions.get(key);
    if (!pending) {
      const { dimensions, spacing } = volume;
      const voxels = dimensions[0] * dimensions[1] * dimensions[2];
      pending = autosave
        .load(key, voxels)
        .catch((error: unknown) => {
          options.notify(`Saved segmentation could not be read: ${String(error)}`, 'warning');
          return null;
        })
        .then((saved) => {
          const session = createSegmentationSession(
            key,
            { dimensions, spacingMm: spacing },
            saved ?? undefined,
          );
          if (saved) options.notify(`Restored ${saved.segments.length} saved segment(s).`);
          session.subscribe(() => {
            pendingChanges.add(session);
            changeFrame ||= requestAnimationFrame(flushChanges);
          });
          scheduleAutosave(
            session.subscribe,
            () => autosave.save(key, session.snapshot()),
            (error) => options.notify(`Autosave failed: ${String(error)}`, 'error'),
          );
          return session;
        });
      sessions.set(key, pending);
    }
    return pending;
  }

  function detach(): void {
    for (const disposable of attached) disposable.dispose();
    attached = [];
    labelmapView = null;
  }

  const unsubscribe = options.controller.onDisplayed((displayed) => {
    const token = ++showToken;
    detach();
    if (!displayed) {
      store.setState({ session: null, unavailableReason: 'No series is displayed.' });
      return;
    }
    if (!displayed.volumeId) {
      store.setState({
        session: null,
        unavailableReason:
          'This series is not a regular volume (see its warnings): it can be viewed but not segmented.',
      });
      return;
    }
    void sessionFor(displayed.volume).then((session) => {
      if (token !== showToken) return;
      labelmapView = attachLabelmap(session, displayed, store.getState().style);
      attached.push(
        labelmapView,
        createEditorInteraction({
          displayed,
          session,
          getViewport: options.controller.getViewport,
          getTool: () => store.getState().tool,
          getSettings: () => store.getState().settings,
          setRadius: (radiusMm) => editor.updateSettings({ radiusMm }),
          notify: (message) => options.notify(message, 'warning'),
        }),
      );
      store.setState({ session, unavailableReason: null });
    });
  });

  // Dates side by side: each date's segments shown (read only) in its own view.
  let compareAttached: Disposable[] = [];
  let compareToken = 0;
  const unsubscribeCompare = options.controller.onCompareDisplayed((list) => {
    const token = ++compareToken;
    for (const disposable of compareAttached) disposable.dispose();
    compareAttached = [];
    if (!list) return undefined;
    store.setState({
      session: null,
      unavailableReason:
        'Dates side by side are for review: open one series (Stack or MPR) to edit its segments.',
    });
    return Promise.all(
      list.map((displayed) =>
        displayed.volumeId
          ? sessionFor(displayed.volume).then((session) => {
              if (token !== compareToken) return undefined;
              const view = attachLabelmap(session, displayed, store.getState().style);
              compareAttached.push(view);
              return view.rendered;
            })
          : null,
      ),
    );
  });

  const editor: SegmentEditor = {
    store,
    openSession: sessionFor,
    openSessions: () => Promise.all([...sessions.values()]).catch(() => []),
    async listSaved() {
      const saved = await autosave.list().catch(() => []);
      const open = await editor.openSessions();
      const byKey = new Map(saved.map((entry) => [entry.seriesKey, entry.segments]));
      for (const session of open) byKey.set(session.seriesKey, session.getState().segments);
      return [...byKey].map(([seriesKey, segments]) => ({ seriesKey, segments }));
    },
    onSessionChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    setTool: (tool) => store.setState({ tool }),
    updateSettings: (patch) => store.setState((s) => ({ settings: { ...s.settings, ...patch } })),
    updateStyle(patch) {
      store.setState((s) => ({ style: { ...s.style, ...patch } }));
      labelmapView?.setStyle(store.getState().style);
    },
    dispose() {
      unsubscribe();
      unsubscribeCompare();
      for (const disposable of compareAttached) disposable.dispose();
      if (changeFrame) cancelAnimationFrame(changeFrame);
      detach();
    },
  };
  return editor;
}
