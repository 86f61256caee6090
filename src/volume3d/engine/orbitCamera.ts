import type { Vec3 } from './types';

/**
 * An orthographic camera orbiting a target: `forward` is the viewing direction, `up` the
 * screen's up; screen right is forward × up. Patient coordinates are LPS.
 */
export interface OrbitCamera {
  readonly target: Vec3;
  readonly forward: Vec3;
  readonly up: Vec3;
  /** Half the shorter side of the view, mm (smaller = zoomed in). */
  readonly halfHeightMm: number;
  /** Radius of the volume's bounding sphere, mm: rays start outside it; zoom limits. */
  readonly radiusMm: number;
}

/** Where rays start and how they spread, as the shader reads it. */
export interface CameraFrame {
  /** Centre of the plane rays start from, outside the bounding sphere. */
  readonly eye: Vec3;
  /** Screen right, scaled to half the view width (mm). */
  readonly right: Vec3;
  /** Screen up, scaled to half the view height (mm). */
  readonly up: Vec3;
  readonly forward: Vec3;
}

const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
function normalize(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
}

export function cameraRight(camera: Pick<OrbitCamera, 'forward' | 'up'>): Vec3 {
  return cross(camera.forward, camera.up);
}

/**
 * Anterior view (as a coronal image): looking posteriorly (+y), head up (+z), so the
 * patient's left (+x) is on the screen's right, the radiological convention. A sphere of
 * `fitRadiusMm` round the target (default: the whole volume) fits in any rotation.
 */
export function createOrbitCamera(
  target: Vec3,
  radiusMm: number,
  fitRadiusMm = radiusMm,
): OrbitCamera {
  return {
    target,
    forward: [0, 1, 0],
    up: [0, 0, 1],
    halfHeightMm: fitRadiusMm * 1.02,
    radiusMm,
  };
}

/**
 * Turns the camera around the target. Positive yaw turns the object's front to the
 * screen's right (the camera moves towards the former screen left: forward becomes the
 * former right at 90°); positive pitch tips the object's front up (forward becomes the
 * former up at 90°). Re-orthonormalised, so many small steps do not drift.
 */
export function orbitCamera(camera: OrbitCamera, yawRad: number, pitchRad: number): OrbitCamera {
  const right = cameraRight(camera);
  let forward = add(scale(camera.forward, Math.cos(yawRad)), scale(right, Math.sin(yawRad)));
  let up = camera.up;
  const pitched = add(scale(forward, Math.cos(pitchRad)), scale(up, Math.sin(pitchRad)));
  up = add(scale(up, Math.cos(pitchRad)), scale(forward, -Math.sin(pitchRad)));
  forward = normalize(pitched);
  const r = normalize(cross(forward, up));
  return { ...camera, forward, up: normalize(cross(r, forward)) };
}

/** Zooms by `factor` (> 1 magnifies), between 1/20 and 4 times the volume's size. */
export function zoomCamera(camera: OrbitCamera, factor: number): OrbitCamera {
  const wanted = camera.halfHeightMm / factor;
  const halfHeightMm = Math.min(camera.radiusMm * 4, Math.max(camera.radiusMm / 20, wanted));
  return { ...camera, halfHeightMm };
}

/** The ray-start frame for a viewport of `aspect` = width / height. */
export function cameraFrame(camera: OrbitCamera, aspect: number): CameraFrame {
  const right = cameraRight(camera);
  // The zoom sets the shorter side, so a tall, narrow view does not crop the sides.
  const halfWidth = aspect >= 1 ? camera.halfHeightMm * aspect : camera.halfHeightMm;
  const halfHeight = aspect >= 1 ? camera.halfHeightMm : camera.halfHeightMm / aspect;
  return {
    eye: add(camera.target, scale(camera.forward, -(camera.radiusMm + 1))),
    right: scale(right, halfWidth),
    up: scale(camera.up, halfHeight),
    forward: camera.forward,
  };
}
