import type { ComponentType } from 'react';
import type { HostApi } from './host-api';

export interface Disposable {
  dispose(): void;
}

export interface PanelProps {
  readonly host: HostApi;
}

export interface PanelContribution {
  /** Stable id, unique within the plugin. */
  readonly id: string;
  /** Shown as the panel's heading and accessible name. */
  readonly title: string;
  readonly location: 'left' | 'right';
  readonly component: ComponentType<PanelProps>;
}

export interface CommandContribution {
  readonly id: string;
  readonly title: string;
  /** A KeyboardEvent.key, optionally with modifiers: 'Ctrl+Shift+E'. */
  readonly shortcut?: string;
  run(host: HostApi): void | Promise<void>;
}

export interface ToolContribution {
  readonly id: string;
  readonly title: string;
  readonly shortcut?: string;
  /** Called when the user selects the tool; returns what to undo when another tool is chosen. */
  select(host: HostApi): Disposable;
}

export interface ExportResult {
  readonly fileName: string;
  readonly mimeType: string;
  readonly data: Blob;
}

export interface ExporterContribution {
  readonly id: string;
  readonly title: string;
  run(host: HostApi): Promise<ExportResult>;
}

/**
 * A plugin: a required id and title, everything else optional and typed (after Vite's
 * Plugin). activate() receives the host's functions and returns what to release on unload.
 */
export interface ViewerPlugin {
  readonly id: string;
  readonly title: string;
  activate?(host: HostApi): Disposable | void;
  readonly panels?: readonly PanelContribution[];
  readonly commands?: readonly CommandContribution[];
  readonly tools?: readonly ToolContribution[];
  readonly exporters?: readonly ExporterContribution[];
}
