import type { InstanceKind } from './types.ts';

// SOP Class UIDs from PS3.4 Annex B.5; prefixes cover a family (all SR, all presentation states).
const STORAGE = '1.2.840.10008.5.1.4.1.1.';
const SEGMENTATION = `${STORAGE}66.4`;
const RT_STRUCTURE_SET = `${STORAGE}481.3`;
const SR_PREFIX = `${STORAGE}88.`;
const PRESENTATION_STATE_PREFIX = `${STORAGE}11.`;

// Objects that may carry pixels or a grid but are never images to stack into a volume.
const OTHER_NON_IMAGE = new Set([
  `${STORAGE}4.2`, // MR spectroscopy
  `${STORAGE}66`, // raw data
  `${STORAGE}66.1`, // spatial registration
  `${STORAGE}66.2`, // spatial fiducials
  `${STORAGE}66.3`, // deformable registration
  `${STORAGE}66.5`, // surface segmentation
  `${STORAGE}104.1`, // encapsulated PDF
  `${STORAGE}481.2`, // RT dose (a dose grid, not anatomy)
  `${STORAGE}481.5`, // RT plan
]);

const MODALITY_KIND: Readonly<Record<string, InstanceKind>> = {
  SEG: 'seg',
  SR: 'sr',
  RTSTRUCT: 'rtstruct',
  PR: 'pr',
  KO: 'other',
  RTPLAN: 'other',
  RTDOSE: 'other',
  DOC: 'other',
  REG: 'other',
};

/**
 * Decides what an instance is from its SOP Class UID, falling back to Modality, and finally to
 * whether it carries pixel data: only 'image' instances are ever stacked into volumes.
 */
export function classifyInstanceKind(
  sopClassUid: string,
  modality: string,
  hasPixelData: boolean,
): InstanceKind {
  if (sopClassUid === SEGMENTATION) return 'seg';
  if (sopClassUid === RT_STRUCTURE_SET) return 'rtstruct';
  if (sopClassUid.startsWith(SR_PREFIX)) return 'sr';
  if (sopClassUid.startsWith(PRESENTATION_STATE_PREFIX)) return 'pr';
  if (OTHER_NON_IMAGE.has(sopClassUid) || sopClassUid.startsWith(`${STORAGE}9.`)) {
    return 'other'; // waveforms
  }
  const byModality = MODALITY_KIND[modality.toUpperCase()];
  if (byModality) return byModality;
  return hasPixelData ? 'image' : 'other';
}
