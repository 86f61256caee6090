import type { SegSourceDescription } from '../../../dicom/seg';
import type { SegmentInfo, SegmentTypeContribution } from '../../types';

const ALTERED = {
  codeValue: '49755003',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Morphologically Altered Structure',
};
const ANATOMY = {
  codeValue: '123037004',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Anatomical Structure',
};

/** Two segment types as a plugin contributes them: a lesion (the default) and the liver. */
export const TYPES: readonly SegmentTypeContribution[] = [
  {
    id: 'lesion',
    label: 'Lesion',
    category: ALTERED,
    type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
    color: [230, 80, 60],
    isLesion: true,
  },
  {
    id: 'liver',
    label: 'Liver',
    category: ANATOMY,
    type: { codeValue: '10200004', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
    color: [221, 130, 101],
    isLesion: false,
  },
];

export function segment(patch: Partial<SegmentInfo> & Pick<SegmentInfo, 'index'>): SegmentInfo {
  return {
    label: `Segment ${patch.index}`,
    typeId: 'lesion',
    color: [230, 80, 60],
    visible: true,
    locked: false,
    trackingId: null,
    trackingUid: null,
    ...patch,
  };
}

/** A 4×3×2 axial source series with one instance per slice. */
export const SOURCE: SegSourceDescription = {
  seriesId: 'ct',
  seriesDescription: 'Abdomen PV',
  modality: 'CT',
  grid: {
    dimensions: [4, 3, 2],
    spacingMm: [0.8, 0.8, 2.5],
    originMm: [-10, -10, -50],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    slicePositionsMm: [-50, -47.5],
  },
  source: {
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    frameOfReferenceUid: '1.2.3.5',
    slices: [
      { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '1.2.3.4.1' },
      { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '1.2.3.4.2' },
    ],
  },
  patient: { name: 'DOE^JANE', id: 'P1', birthDate: '19700101', sex: 'F' },
  study: { date: '20240725', time: '101500', id: '7', accessionNumber: 'A7' },
};
