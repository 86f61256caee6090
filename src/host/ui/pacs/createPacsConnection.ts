import { createStore, type Store } from '../../createStore';
import { createOutbox, type Outbox, type OutboxStore } from '../../../datasource/dicomweb/outbox';
import { describeDicomWebFailure } from '../../../datasource/dicomweb/outboxRetry';
import type { DicomWebClient, DicomWebConfig } from '../../../datasource/dicomweb/types';
import {
  loadSeriesFromPacs,
  summariseLoad,
  type PacsLoadHost,
  type PacsLoadProgress,
  type PacsSeriesChoice,
} from './loadFromPacs';
import { createSeriesPreview, type SeriesPreviewState } from './createSeriesPreview';
import {
  checkBearerToken,
  checkPacsUrl,
  clearPacsSettings,
  readPacsSettings,
  writePacsSettings,
  type PacsSettings,
  type SettingsStorage,
} from './pacsSettings';

export interface PacsState {
  /** The settings in use, without the token (only whether there is one). */
  readonly server: {
    readonly baseUrl: string;
    readonly hasToken: boolean;
    readonly from: PacsSettings['from'];
  } | null;
  readonly client: DicomWebClient | null;
  /** Why the settings in use could not be applied. */
  readonly configError: string | null;
  /** A load under way (`cancelling` once the user cancelled it, until it has stopped). */
  readonly load: (PacsLoadProgress & { readonly cancelling: boolean }) | null;
  /** A live image of the series arriving, until the first volume of the load is displayed. */
  readonly preview: SeriesPreviewState | null;
  /** How the last load ended. */
  readonly loadResult: { readonly text: string; readonly error: boolean } | null;
}

export interface PacsConnection {
  readonly store: Store<PacsState>;
  readonly outbox: Outbox;
  /** Checks and applies new settings; returns a message for people when they cannot be used. */
  configure(input: { readonly baseUrl: string; readonly bearerToken: string }): string | null;
  /** Forgets the user's settings (a deployment's configuration applies again). */
  forget(): void;
  /** The deployment's PACS (read after start); used while the user has set none. */
  setDeployment(config: DicomWebConfig | null): void;
  /** Retrieves the chosen series into the viewer; a new load cancels the one under way. */
  load(series: readonly PacsSeriesChoice[], host: PacsLoadHost): Promise<void>;
  cancelLoad(): void;
  dismissLoadResult(): void;
}

export interface PacsConnectionOptions {
  readonly createClient: (config: DicomWebConfig) => DicomWebClient;
  readonly outboxStore: OutboxStore;
  readonly storage: SettingsStorage;
  readonly pageOrigin: string;
  /** The deployment's PACS (config file or environment), used when the user set none. */
  readonly deployment?: DicomWebConfig | null;
}

/**
 * The app's PACS: its settings, a DICOMweb client for them, the STOW-RS outbox and the load
 * under way. The token stays in this object and sessionStorage (see pacsSettings.ts).
 */
export function createPacsConnection(options: PacsConnectionOptions): PacsConnection {
  const { storage, pageOrigin } = options;
  let deployment = options.deployment ?? null;
  const store = createStore<PacsState>({
    server: null,
    client: null,
    configError: null,
    load: null,
    preview: null,
    loadResult: null,
  });
  let loading: AbortController | null = null;

  const apply = (settings: PacsSettings | null): string | null => {
    if (!settings) {
      store.setState({ server: null, client: null, configError: null });
      return null;
    }
    try {
      const client = options.createClient({
        ...(deployment && settings.from === 'deployment' ? deployment : {}),
        baseUrl: settings.baseUrl,
        bearerToken: settings.bearerToken ?? deployment?.bearerToken ?? undefined,
      });
      store.setState({
        server: {
          baseUrl: settings.baseUrl,
          hasToken: settings.bearerToken !== null,
          from: settings.from,
        },
        client,
        configError: null,
      });
      return null;
    } catch (error) {
      const message = describeDicomWebFailure(error);
      store.setState({ server: null, client: null, configError: message });
      return message;
    }
  };

  const outbox = createOutbox({
    store: options.outboxStore,
    target: () => {
      const { server, client } = store.getState();
      return server && client ? { baseUrl: server.baseUrl, client } : null;
    },
  });

  apply(readPacsSettings(storage, pageOrigin, deployment));

  return {
    store,
    outbox,
    configure(input) {
      const checked = checkPacsUrl(input.baseUrl, pageOrigin);
      if (!checked.ok) return checked.message;
      const tokenProblem = checkBearerToken(input.bearerToken);
      if (tokenProblem) return tokenProblem;
      const settings = {
        baseUrl: checked.baseUrl,
        bearerToken: input.bearerToken.trim() || null,
      };
      const problem = apply({ ...settings, from: 'user' });
      if (problem) return problem;
      try {
        writePacsSettings(storage, pageOrigin, settings);
      } catch (error) {
        return `The settings apply now but could not be saved in the browser: ${describeDicomWebFailure(error)}`;
      } finally {
        outbox.targetChanged();
      }
      return null;
    },
    forget() {
      clearPacsSettings(storage);
      apply(readPacsSettings(storage, pageOrigin, deployment));
      outbox.targetChanged();
    },
    setDeployment(config) {
      deployment = config;
      apply(readPacsSettings(storage, pageOrigin, deployment));
      outbox.targetChanged();
    },
    async load(series, host) {
      const client = store.getState().client;
      if (!client || series.length === 0) return;
      loading?.abort();
      const controller = new AbortController();
      loading = controller;
      store.setState({
        load: { label: 'Retrieving from the PACS', done: 0, total: 0, cancelling: false },
        preview: null,
        loadResult: null,
      });
      const preview = createSeriesPreview({
        onChange: (state) => {
          if (loading === controller && (state === null || !controller.signal.aborted))
            store.setState({ preview: state });
        },
      });
      try {
        const report = await loadSeriesFromPacs(client, series, host, {
          signal: controller.signal,
          preview,
          onProgress: (progress) => {
            if (loading === controller && !controller.signal.aborted)
              store.setState({ load: { ...progress, cancelling: false } });
          },
        });
        if (loading === controller) store.setState({ loadResult: summariseLoad(report) });
      } catch (error) {
        if (loading === controller)
          store.setState({
            loadResult: { text: `Loading failed: ${describeDicomWebFailure(error)}`, error: true },
          });
      } finally {
        preview.stop();
        if (loading === controller) {
          loading = null;
          store.setState({ load: null, preview: null });
        }
      }
    },
    cancelLoad() {
      if (!loading) return;
      loading.abort();
      store.setState((s) => ({ load: s.load && { ...s.load, cancelling: true }, preview: null }));
    },
    dismissLoadResult() {
      store.setState({ loadResult: null });
    },
  };
}
