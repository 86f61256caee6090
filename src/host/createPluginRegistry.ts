import type {
  CommandContribution,
  Disposable,
  HostApi,
  MeasurementReportContribution,
  PanelContribution,
  SegmentTypeContribution,
  ViewerPlugin,
} from '../plugin-api';

export interface RegisteredPanel extends PanelContribution {
  readonly pluginId: string;
}

export interface PluginRegistry {
  register(plugin: ViewerPlugin): Disposable;
  panels(): readonly RegisteredPanel[];
  commands(): readonly CommandContribution[];
  segmentTypes(): readonly SegmentTypeContribution[];
  measurementReports(): readonly MeasurementReportContribution[];
  plugins(): readonly ViewerPlugin[];
}

export class PluginError extends Error {
  constructor(
    readonly code: 'DUPLICATE_PLUGIN' | 'ACTIVATION_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'PluginError';
  }
}

/** Holds registered plugins and their contributions; activation failures are contained. */
export function createPluginRegistry(
  host: HostApi,
  onError: (error: PluginError) => void,
): PluginRegistry {
  const active = new Map<string, { plugin: ViewerPlugin; disposable: Disposable | undefined }>();
  return {
    register(plugin) {
      if (active.has(plugin.id)) {
        const error = new PluginError(
          'DUPLICATE_PLUGIN',
          `Plugin "${plugin.id}" is already registered`,
        );
        onError(error);
        return { dispose: () => undefined };
      }
      let disposable: Disposable | undefined;
      try {
        disposable = plugin.activate?.(host) ?? undefined;
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        onError(
          new PluginError('ACTIVATION_FAILED', `Plugin "${plugin.id}" failed to start: ${message}`),
        );
        return { dispose: () => undefined };
      }
      active.set(plugin.id, { plugin, disposable });
      return {
        dispose: () => {
          active.get(plugin.id)?.disposable?.dispose();
          active.delete(plugin.id);
        },
      };
    },
    panels: () =>
      [...active.values()].flatMap(({ plugin }) =>
        (plugin.panels ?? []).map((panel) => ({ ...panel, pluginId: plugin.id })),
      ),
    commands: () => [...active.values()].flatMap(({ plugin }) => plugin.commands ?? []),
    segmentTypes: () => [...active.values()].flatMap(({ plugin }) => plugin.segmentTypes ?? []),
    measurementReports: () =>
      [...active.values()].flatMap(({ plugin }) => plugin.measurementReports ?? []),
    plugins: () => [...active.values()].map(({ plugin }) => plugin),
  };
}
