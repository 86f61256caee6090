import type { Disposable, SegmentTypeContribution } from '../plugin-api';
import { createStore, type Store } from '../host/createStore';
import type {
  DisplayedViewports,
  EditingTool,
  ViewportController,
} from '../viewport/createViewportController';
import { attachLabelmap, type LabelmapStyle } from './attachLabelmap';
import { createAutosaveStore, scheduleAutosave, type AutosaveStore } from './autosave';
import { createEditorInteraction } from './createEditorInteraction';
import { createSegmentationSession, type SegmentationSession } from './createSegmentationSession';
import { DEFAULT_EDITOR_SETTINGS, type EditorSettings } from './types';

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
  dispose(): void;
}

export interface SegmentEditorOptions {
  readonly controller: ViewportController;
  readonly segmentTypes: readonly SegmentTypeContribution[];
  readonly notify: (message: string, level?: 'info' | 'warning' | 'error') => void;
  readonly autosave?: AutosaveStore;
}

function autosaveKey(displayed: DisplayedViewports): string {
  return `${displayed.volume.key}|${displayed.volume.dimensions.join('x')}`;
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

  function sessionFor(displayed: DisplayedViewports): Promise<SegmentationSession> {
    const key = autosaveKey(displayed);
    let pending = sessions.get(key);
    if (!pending) {
      const { dimensions, spacing } = displayed.volume;
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
    void sessionFor(displayed).then((session) => {
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

  const editor: SegmentEditor = {
    store,
    setTool: (tool) => store.setState({ tool }),
    updateSettings: (patch) => store.setState((s) => ({ settings: { ...s.settings, ...patch } })),
    updateStyle(patch) {
      store.setState((s) => ({ style: { ...s.style, ...patch } }));
      labelmapView?.setStyle(store.getState().style);
    },
    dispose() {
      unsubscribe();
      detach();
    },
  };
  return editor;
}
