export type { Mat3, Mat4, Vec3, VolumeGeometry, VoxelBox } from './types';
export { planDownsample, type DownsamplePlan } from './planDownsample';
export { downsampleScalars } from './downsampleScalars';
export { downsampleLabels } from './downsampleLabels';
export {
  boundingSphere,
  gradientToPatient,
  indexStepVectors,
  invertAffine,
  textureToPatient,
  transformPoint,
} from './textureGeometry';
export {
  cameraFrame,
  createOrbitCamera,
  orbitCamera,
  zoomCamera,
  type CameraFrame,
  type OrbitCamera,
} from './orbitCamera';
export {
  CT_ABDOMEN_POINTS,
  CT_ABDOMEN_RANGE,
  OPACITY_UNIT_MM,
  RENDER_PRESETS,
  buildTransferTable,
  defaultPresetFor,
  mipWindow,
  opacityForStep,
  sampleTransfer,
  type RenderPreset,
  type RenderPresetId,
  type TransferPoint,
} from './transferFunction';
export {
  boxToTexture,
  labelContentBox,
  scalarContentBox,
  transparentUpTo,
  unionBox,
} from './contentBox';
