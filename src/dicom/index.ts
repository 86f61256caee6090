// Public surface of DICOM ingest. Pure TypeScript: runs in Node and in a Web Worker.
export { parseInstance, MAX_PIXEL_BYTES } from './parseInstance.ts';
export { groupInstances, ingestFiles } from './ingestFiles.ts';
export { assembleVolume, type AssembleOptions } from './assembleVolume.ts';
export { planVolumeLayout, type VolumeLayout } from './planVolumeLayout.ts';
export { INGEST_ERROR_CODES, toIngestError } from './toIngestError.ts';
export {
  createFrameDecoderRegistry,
  describeTransferSyntax,
  getDefaultFrameDecoders,
  registerFrameDecoder,
} from './frameDecoders.ts';
export { decodeRleFrame, RLE_LOSSLESS } from './decodeRleFrame.ts';
export {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './readDataSet.ts';
export type {
  ByteRange,
  DecodedFrame,
  FrameAttributes,
  FrameDecodeInfo,
  FrameDecoder,
  FrameDecoderRegistry,
  FrameRef,
  IngestError,
  IngestErrorCode,
  IngestResult,
  IngestWarning,
  IngestWarningCode,
  InputFile,
  InstanceKind,
  Orientation,
  ParsedInstance,
  Patient,
  PatientInfo,
  PixelDataRef,
  Result,
  Series,
  SeriesInfo,
  SeriesKind,
  Study,
  StudyInfo,
  Vec3,
  Volume,
  VolumeData,
  VolumeDataType,
  VolumeGeometry,
} from './types.ts';
