/**
 * dicom-parser element keys (`xGGGGEEEE`) of the attributes the SEG reader needs, and of the
 * source attributes a written SEG copies (describeSegSource).
 */
export const SEG_TAG = {
  CodeValue: 'x00080100',
  CodingSchemeDesignator: 'x00080102',
  CodeMeaning: 'x00080104',
  LongCodeValue: 'x00080119',
  URNCodeValue: 'x00080120',
  ReferringPhysicianName: 'x00080090',
  ReferencedSeriesSequence: 'x00081115',
  ReferencedSOPClassUID: 'x00081150',
  ReferencedSOPInstanceUID: 'x00081155',
  ReferencedFrameNumber: 'x00081160',
  ReferencedInstanceSequence: 'x0008114a',
  SourceImageSequence: 'x00082112',
  DerivationImageSequence: 'x00089124',
  StudyID: 'x00200010',
  ContentLabel: 'x00700080',
  SegmentationType: 'x00620001',
  SegmentSequence: 'x00620002',
  SegmentedPropertyCategoryCodeSequence: 'x00620003',
  SegmentNumber: 'x00620004',
  SegmentLabel: 'x00620005',
  SegmentDescription: 'x00620006',
  SegmentAlgorithmType: 'x00620008',
  SegmentAlgorithmName: 'x00620009',
  SegmentIdentificationSequence: 'x0062000a',
  ReferencedSegmentNumber: 'x0062000b',
  RecommendedDisplayCIELabValue: 'x0062000d',
  MaximumFractionalValue: 'x0062000e',
  SegmentedPropertyTypeCodeSequence: 'x0062000f',
  SegmentedPropertyTypeModifierCodeSequence: 'x00620011',
  TrackingID: 'x00620020',
  TrackingUID: 'x00620021',
} as const;

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
