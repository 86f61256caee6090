import type { CodedConcept, SegmentTypeContribution } from '../plugin-api';

/**
 * The description a segment loaded from a DICOM SEG came with, kept so that exporting it again
 * says the same: its codes when they match no segment type, and the algorithm that made it.
 */
export interface ImportedSegmentDescription {
  readonly category: CodedConcept | null;
  readonly type: CodedConcept | null;
  readonly algorithmType: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC' | null;
  readonly algorithmName: string | null;
}

/** One segment of a series' labelmap, as the editor and later exports see it. */
export interface SegmentInfo {
  /** Label value in the labelmap, 1..255. */
  readonly index: number;
  readonly label: string;
  /** Id of the SegmentTypeContribution (its codes go to DICOM SEG). */
  readonly typeId: string;
  /** RGB 0–255. */
  readonly color: readonly [number, number, number];
  readonly visible: boolean;
  readonly locked: boolean;
  /** Human tracking label of a lesion ("L1"), kept across dates; null for organs. */
  readonly trackingId: string | null;
  /** DICOM TrackingUID of a lesion (2.25 form), kept across dates; null for organs. */
  readonly trackingUid: string | null;
  /** Set when the segment was loaded from a DICOM SEG. */
  readonly imported?: ImportedSegmentDescription;
}

export type { SegmentTypeContribution };

/** Effect settings shared by Paint, Erase and Draw (Slicer's "Masking" section included). */
export interface EditorSettings {
  readonly radiusMm: number;
  readonly sphere: boolean;
  readonly overwrite: 'all' | 'none';
  readonly eraseScope: 'active' | 'all';
  readonly threshold: { readonly enabled: boolean; readonly min: number; readonly max: number };
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  radiusMm: 5,
  sphere: false,
  overwrite: 'all',
  eraseScope: 'active',
  threshold: { enabled: false, min: -100, max: 200 },
};

/** Intensity ranges for Slicer-style masking; HU on CT. */
export const THRESHOLD_PRESETS: ReadonlyArray<{
  readonly label: string;
  readonly min: number;
  readonly max: number;
}> = [
  { label: 'Hypodense lesion (portal venous CT) 0–90 HU', min: 0, max: 90 },
  { label: 'Liver parenchyma (portal venous CT) 80–200 HU', min: 80, max: 200 },
  { label: 'Soft tissue −100–300 HU', min: -100, max: 300 },
];
