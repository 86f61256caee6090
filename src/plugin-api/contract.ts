import type { ComponentType } from 'react';
import type { HostApi } from './host-api';
import type { MeasurementReportContribution } from './reports';

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
  /** Side panels, or 'bottom': a wide, collapsible area under the viewports (tables, charts). */
  readonly location: 'left' | 'right' | 'bottom';
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

/** A code from a coding scheme (DICOM PS3.3 Code Sequence Macro): "SCT" 52988006 "Lesion". */
export interface CodedConcept {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning: string;
}

/**
 * A kind of segment users can create (Slicer's terminology entry): the category and type
 * codes written to DICOM SEG, a default colour, and whether it is a trackable lesion.
 */
export interface SegmentTypeContribution {
  readonly id: string;
  readonly label: string;
  readonly category: CodedConcept;
  readonly type: CodedConcept;
  /** RGB 0–255. */
  readonly color: readonly [number, number, number];
  /** Lesions get a persistent tracking identity that links them across dates. */
  readonly isLesion: boolean;
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
  /** Segment types offered by the segment editor; the first lesion type is the default. */
  readonly segmentTypes?: readonly SegmentTypeContribution[];
  /** Measurements and findings for the DICOM SR written with a SEG export ("Export SEG + SR"). */
  readonly measurementReports?: readonly MeasurementReportContribution[];
}
