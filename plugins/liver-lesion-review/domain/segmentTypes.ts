import type { SegmentTypeContribution } from '../../../src/plugin-api';

// SNOMED CT codes for segment categories and types (see shared/reference/clinical-rules.md).
const ANATOMICAL_STRUCTURE = {
  codeValue: '123037004',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Anatomical Structure',
} as const;
const MORPHOLOGICALLY_ALTERED_STRUCTURE = {
  codeValue: '49755003',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Morphologically Altered Structure',
} as const;

/** SNOMED CT "Liver": a segment of this type aligns dates in different frames of reference. */
export const LIVER_CODE_VALUE = '10200004';

/** SNOMED CT "Spleen". */
export const SPLEEN_CODE_VALUE = '78961009';

/** The segment types of liver lesion review; the first one is the editor's default. */
export const LIVER_SEGMENT_TYPES: readonly SegmentTypeContribution[] = [
  {
    id: 'lesion',
    label: 'Lesion',
    category: MORPHOLOGICALLY_ALTERED_STRUCTURE,
    type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
    color: [230, 80, 60],
    isLesion: true,
  },
  {
    id: 'metastasis',
    label: 'Metastatic neoplasm',
    category: MORPHOLOGICALLY_ALTERED_STRUCTURE,
    type: {
      codeValue: '14799000',
      codingSchemeDesignator: 'SCT',
      codeMeaning: 'Neoplasm, metastatic',
    },
    color: [240, 140, 40],
    isLesion: true,
  },
  {
    id: 'mass',
    label: 'Mass',
    category: MORPHOLOGICALLY_ALTERED_STRUCTURE,
    type: { codeValue: '4147007', codingSchemeDesignator: 'SCT', codeMeaning: 'Mass' },
    color: [200, 60, 160],
    isLesion: true,
  },
  {
    id: 'liver',
    label: 'Liver',
    category: ANATOMICAL_STRUCTURE,
    type: { codeValue: LIVER_CODE_VALUE, codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
    color: [221, 130, 101],
    isLesion: false,
  },
  {
    id: 'spleen',
    label: 'Spleen',
    category: ANATOMICAL_STRUCTURE,
    type: { codeValue: SPLEEN_CODE_VALUE, codingSchemeDesignator: 'SCT', codeMeaning: 'Spleen' },
    color: [157, 108, 162],
    isLesion: false,
  },
];
