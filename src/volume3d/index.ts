/** Show 3D: a WebGL2 volume rendering of the displayed series with its segments. */
export { Show3dPanel, type SessionStore } from './ui/Show3dPanel';
export { createVolumeView, type VolumeView, type VolumeViewOptions } from './createVolumeView';
export type {
  FrameInfo,
  LabelSource,
  Volume3dError,
  Volume3dErrorCode,
  VolumeSource,
} from './types';
