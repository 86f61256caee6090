import type {
  HostApi,
  HostEventMap,
  LineAnnotation,
  LoadProblem,
  PatientSummary,
  SegmentPatch,
  SegmentationData,
  SegmentationSummary,
  SeriesSelection,
  SeriesSummary,
} from '../plugin-api';
import type { DataSource } from '../datasource/types';
import { createDeidentifier, type Deidentifier } from '../dicom/deid';
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
  /** In the compare layout: the volumes side by side, in the order of `displayed.compared`. */
  readonly compareVolumes: readonly DisplayVolume[];
  /** Lines plugins asked to draw (HostApi.showLines), all layers. */
  readonly lines: readonly LineAnnotation[];
  /** The prompt of a pending HostApi.pickPoint, shown to the user. */
  readonly pickPrompt: string | null;
  readonly notices: readonly Notice[];
}

/** The segment editor's side of HostApi's segmentation functions. */
export interface SegmentationProvider {
  list(): Promise<readonly SegmentationSummary[]>;
  read(volume: DisplayVolume): Promise<SegmentationData | null>;
  update(volume: DisplayVolume, segmentIndex: number, patch: SegmentPatch): Promise<void>;
  onChanged(listener: (detail: HostEventMap['segmentation-changed']) => void): () => void;
}

/** The viewport side of HostApi.jumpTo. */
export interface ViewerNavigation {
  /** One click on a displayed view: the volume shown there and the patient point. */
  pickWorldPoint(): Promise<{
    readonly volumeKey: string;
    readonly world: readonly [number, number, number];
  } | null>;
  cancelPick(): void;
  jumpTo(
    points: ReadonlyArray<{
      readonly volumeKey: string;
      readonly world: readonly [number, number, number];
    }>,
  ): void;
}

export interface Host {
  readonly api: HostApi;
  readonly store: Store<ViewerState>;
  readonly plugins: PluginRegistry;
  /** This page session's de-identification salt: DICOM exports and CSV/JSON share it. */
  readonly deidSalt: Uint8Array;
  loadSource(source: DataSource): Promise<void>;
  findSeries(seriesId: string): SeriesSummary | null;
  dismissNotice(id: number): void;
  /** Plugs in the parts created after the host (they need its plugins' contributions). */
  connect(parts: {
    readonly segmentations: SegmentationProvider;
    readonly navigation: ViewerNavigation;
  }): void;
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

/** The session's deidentifier (only `patient()` is used here: pseudonym and date shift). */
function createSessionDeidentifier(salt: Uint8Array): Deidentifier {
  const created = createDeidentifier({ salt });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

export function createHost(client: IngestClient): Host {
  // One salt per page session, shared by every de-identified export (see main.tsx).
  const deidSalt = crypto.getRandomValues(new Uint8Array(32));
  let deidentifier: Deidentifier | null = null;
  const store = createStore<ViewerState>({
    patients: [],
    problems: [],
    progress: null,
    displayed: null,
    volume: null,
    compareVolumes: [],
    lines: [],
    pickPrompt: null,
    notices: [],
  });
  let segmentations: SegmentationProvider | null = null;
  const lineLayers = new Map<string, readonly LineAnnotation[]>();
  let navigation: ViewerNavigation | null = null;
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

  const describe = (series: SeriesSummary): string =>
    series.description || series.modality || series.id;

  function loadVolume(series: SeriesSummary): Promise<DisplayVolume> {
    let pending = volumes.get(series.id);
    if (!pending) {
      pending = client.assemble(series.id);
      volumes.set(series.id, pending);
      pending.catch(() => volumes.delete(series.id));
    }
    return pending;
  }

  function requireSegmentations(): SegmentationProvider {
    if (!segmentations) throw new Error('the segment editor is not connected');
    return segmentations;
  }

  const api: HostApi = {
    getPatients: () => store.getState().patients,
    getDisplayed: () => store.getState().displayed,
    async displaySeries(uid, layout = 'stack') {
      const series = findSeries(uid);
      if (!series) {
        notify(`Series ${uid} is not loaded`, 'error');
        return;
      }
      const pending = loadVolume(series);
      store.setState({
        progress: { label: `Opening ${series.description || series.modality}`, done: 0, total: 1 },
      });
      try {
        const volume = await pending;
        const selection: SeriesSelection = {
          series,
          layout: layout === 'mpr' && volume.isVolume ? 'mpr' : 'stack',
        };
        store.setState({ displayed: selection, volume, compareVolumes: [], progress: null });
        bus.emit('series-displayed', { selection });
      } catch (error) {
        store.setState({ progress: null });
        notify(
          `Could not open ${series.description || uid}: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        );
      }
    },
    async displayCompare(seriesIds) {
      const list = seriesIds.map((id) => findSeries(id));
      const missing = seriesIds.filter((_, i) => !list[i]);
      if (missing.length > 0 || list.length === 0) {
        notify(`Cannot compare: series ${missing.join(', ') || '(none)'} not loaded`, 'error');
        return;
      }
      const series = list as SeriesSummary[];
      store.setState({
        progress: { label: `Opening ${series.length} series to compare`, done: 0, total: 1 },
      });
      try {
        const loaded = await Promise.all(series.map(loadVolume));
        const irregular = series.filter((_, i) => !loaded[i]?.isVolume);
        if (irregular.length > 0) {
          throw new Error(`${irregular.map(describe).join(', ')} is not a regular volume`);
        }
        const selection: SeriesSelection = {
          series: series[0]!,
          layout: 'compare',
          compared: series,
        };
        store.setState({
          displayed: selection,
          volume: loaded[0]!,
          compareVolumes: loaded,
          progress: null,
        });
        bus.emit('series-displayed', { selection });
      } catch (error) {
        store.setState({ progress: null });
        notify(
          `Could not compare: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        );
      }
    },
    jumpTo(points) {
      navigation?.jumpTo(points.map((p) => ({ volumeKey: p.seriesId, world: p.pointMm })));
    },
    showLines(lines, layer = 'default') {
      lineLayers.set(layer, lines);
      store.setState({ lines: [...lineLayers.values()].flat() });
    },
    async pickPoint(prompt) {
      if (!navigation) return null;
      navigation.cancelPick();
      store.setState({ pickPrompt: prompt });
      try {
        const picked = await navigation.pickWorldPoint();
        return picked ? { seriesId: picked.volumeKey, pointMm: picked.world } : null;
      } finally {
        store.setState({ pickPrompt: null });
      }
    },
    async readVolume(seriesId) {
      const series = findSeries(seriesId);
      if (!series) throw new Error(`series ${seriesId} is not loaded`);
      const volume = await loadVolume(series);
      if (!volume.isVolume) return null;
      return {
        seriesId,
        modality: volume.modality,
        frameOfReferenceUid: volume.frameOfReferenceUid,
        grid: {
          dimensions: volume.dimensions,
          spacingMm: volume.spacing,
          originMm: volume.slicePositions[0] ?? [0, 0, 0],
          direction: volume.direction,
        },
        image: volume.data,
      };
    },
    listSegmentations: () => (segmentations ? segmentations.list() : Promise.resolve([])),
    async readSegmentation(seriesId) {
      const series = findSeries(seriesId);
      if (!series) throw new Error(`series ${seriesId} is not loaded`);
      const volume = await loadVolume(series);
      if (!volume.isVolume) return null;
      return requireSegmentations().read(volume);
    },
    async updateSegment(seriesId, segmentIndex, patch) {
      const series = findSeries(seriesId);
      if (!series) throw new Error(`series ${seriesId} is not loaded`);
      await requireSegmentations().update(await loadVolume(series), segmentIndex, patch);
    },
    on: (event, listener) => bus.on(event, listener),
    notify,
    exportDeidentity(patientId) {
      deidentifier ??= createSessionDeidentifier(deidSalt);
      const session = deidentifier;
      const { patientId: pseudonym, dateOffsetDays } = session.patient(patientId);
      return { patientId: pseudonym, dateOffsetDays, mapUid: (uid) => session.mapUid(uid) };
    },
  };
  const plugins = createPluginRegistry(api, (error) => notify(error.message, 'error'));

  return {
    api,
    store,
    plugins,
    deidSalt,
    findSeries,
    connect(parts) {
      segmentations = parts.segmentations;
      navigation = parts.navigation;
      parts.segmentations.onChanged((detail) => bus.emit('segmentation-changed', detail));
    },
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
