import type {
  HostApi,
  HostEventMap,
  LoadProblem,
  PatientSummary,
  SeriesSelection,
  SeriesSummary,
} from '../plugin-api';
import type { DataSource } from '../datasource/types';
import type { IngestClient } from '../datasource/createIngestClient';
import type { DisplayVolume } from '../viewport/displayVolume';
import { createEventBus } from './createEventBus';
import { createPluginRegistry, type PluginRegistry } from './createPluginRegistry';
import { createStore, type Store } from './createStore';

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

export interface ViewerState {
  readonly patients: readonly PatientSummary[];
  readonly problems: readonly LoadProblem[];
  readonly progress: {
    readonly label: string;
    readonly done: number;
    readonly total: number;
  } | null;
  readonly displayed: SeriesSelection | null;
  readonly volume: DisplayVolume | null;
  readonly notices: readonly Notice[];
}

export interface Host {
  readonly api: HostApi;
  readonly store: Store<ViewerState>;
  readonly plugins: PluginRegistry;
  loadSource(source: DataSource): Promise<void>;
  findSeries(seriesId: string): SeriesSummary | null;
  dismissNotice(id: number): void;
}

/** Picks what to show first: the earliest CT volume, else the first volume, else anything. */
export function chooseInitialSeries(patients: readonly PatientSummary[]): SeriesSummary | null {
  const all = patients.flatMap((p) => p.studies.flatMap((s) => s.series));
  return (
    all.find((s) => s.kind === 'volume' && s.modality === 'CT') ??
    all.find((s) => s.kind === 'volume') ??
    all.find((s) => s.kind === 'stack' || s.kind === 'single') ??
    null
  );
}

export function createHost(client: IngestClient): Host {
  const store = createStore<ViewerState>({
    patients: [],
    problems: [],
    progress: null,
    displayed: null,
    volume: null,
    notices: [],
  });
  let noticeId = 1;
  const notify = (message: string, level: Notice['level'] = 'info'): void => {
    const notice = { id: noticeId++, level, message };
    store.setState((s) => ({ notices: [...s.notices.slice(-4), notice] }));
  };
  const bus = createEventBus<HostEventMap>((error) =>
    notify(
      `A plugin listener failed: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    ),
  );
  const volumes = new Map<string, Promise<DisplayVolume>>();

  const findSeries = (uid: string): SeriesSummary | null => {
    for (const patient of store.getState().patients) {
      for (const study of patient.studies) {
        const found = study.series.find((s) => s.id === uid);
        if (found) return found;
      }
    }
    return null;
  };

  const api: HostApi = {
    getPatients: () => store.getState().patients,
    getDisplayed: () => store.getState().displayed,
    async displaySeries(uid, layout = 'stack') {
      const series = findSeries(uid);
      if (!series) {
        notify(`Series ${uid} is not loaded`, 'error');
        return;
      }
      let pending = volumes.get(uid);
      if (!pending) {
        pending = client.assemble(uid);
        volumes.set(uid, pending);
        pending.catch(() => volumes.delete(uid));
      }
      store.setState({
        progress: { label: `Opening ${series.description || series.modality}`, done: 0, total: 1 },
      });
      try {
        const volume = await pending;
        const selection: SeriesSelection = {
          series,
          layout: layout === 'mpr' && volume.isVolume ? 'mpr' : 'stack',
        };
        store.setState({ displayed: selection, volume, progress: null });
        bus.emit('series-displayed', { selection });
      } catch (error) {
        store.setState({ progress: null });
        notify(
          `Could not open ${series.description || uid}: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        );
      }
    },
    on: (event, listener) => bus.on(event, listener),
    notify,
  };
  const plugins = createPluginRegistry(api, (error) => notify(error.message, 'error'));

  return {
    api,
    store,
    plugins,
    findSeries,
    dismissNotice: (id) =>
      store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    async loadSource(source) {
      store.setState({ progress: { label: `Reading ${source.label}`, done: 0, total: 0 } });
      try {
        const files = await source.listFiles();
        const result = await client.ingest(files, (progress) =>
          store.setState({ progress: { label: `Reading ${source.label}`, ...progress } }),
        );
        store.setState({ patients: result.patients, problems: result.problems, progress: null });
        bus.emit('patients-changed', { patients: result.patients });
        if (result.problems.length > 0) bus.emit('load-problems', { problems: result.problems });
        if (!store.getState().displayed) {
          const first = chooseInitialSeries(result.patients);
          if (first) await api.displaySeries(first.id);
        }
      } catch (error) {
        store.setState({ progress: null });
        notify(
          `Could not load ${source.label}: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        );
      }
    },
  };
}
