import { describe, expect, it } from 'vitest';
import {
  cameraFrame,
  cameraRight,
  createOrbitCamera,
  orbitCamera,
  zoomCamera,
} from '../orbitCamera.ts';
import type { Vec3 } from '../types.ts';

function expectClose(actual: Vec3, expected: Vec3): void {
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
}
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const deg = (d: number): number => (d * Math.PI) / 180;

describe('createOrbitCamera', () => {
  it('looks at the patient from the front with the left side on screen right', () => {
    const camera = createOrbitCamera([0, 0, 0], 100);
    expectClose(camera.forward, [0, 1, 0]); // LPS: anterior → posterior
    expectClose(camera.up, [0, 0, 1]); // head up
    expectClose(cameraRight(camera), [1, 0, 0]); // patient left
  });
});

describe('orbitCamera', () => {
  const front = createOrbitCamera([0, 0, 0], 100);

  it('yaws 90° to look from the patient’s right side, anterior on screen right', () => {
    const side = orbitCamera(front, deg(90), 0);
    expectClose(side.forward, [1, 0, 0]);
    expectClose(side.up, [0, 0, 1]);
    expectClose(cameraRight(side), [0, -1, 0]);
  });

  it('pitches 90° to look up from the feet, anterior at the top', () => {
    const below = orbitCamera(front, 0, deg(90));
    expectClose(below.forward, [0, 0, 1]);
    expectClose(below.up, [0, -1, 0]);
  });

  it('returns to the start after four quarter turns', () => {
    let camera = front;
    for (let i = 0; i < 4; i++) camera = orbitCamera(camera, deg(90), 0);
    expectClose(camera.forward, front.forward);
    expectClose(camera.up, front.up);
  });

  it('stays orthonormal after a thousand small drags', () => {
    let camera = front;
    for (let i = 0; i < 1000; i++) camera = orbitCamera(camera, deg(0.7 + (i % 7)), deg(-1.3));
    expect(dot(camera.forward, camera.forward)).toBeCloseTo(1, 12);
    expect(dot(camera.up, camera.up)).toBeCloseTo(1, 12);
    expect(dot(camera.forward, camera.up)).toBeCloseTo(0, 12);
  });
});

describe('zoomCamera', () => {
  it('halves the visible height at factor 2 and stops at 1/20 of the volume', () => {
    const camera = createOrbitCamera([0, 0, 0], 100); // half height 102 mm
    expect(zoomCamera(camera, 2).halfHeightMm).toBeCloseTo(51, 12);
    expect(zoomCamera(camera, 1e6).halfHeightMm).toBe(5);
    expect(zoomCamera(camera, 1e-6).halfHeightMm).toBe(400);
  });
});

describe('cameraFrame', () => {
  it('starts rays outside the bounding sphere and scales the plane by the aspect', () => {
    const frame = cameraFrame(createOrbitCamera([10, 20, 30], 100), 2);
    expectClose(frame.eye, [10, -81, 30]);
    expectClose(frame.right, [204, 0, 0]);
    expectClose(frame.up, [0, 0, 102]);
    expectClose(frame.forward, [0, 1, 0]);
  });

  it('fits the zoom to the shorter side of a tall view', () => {
    const frame = cameraFrame(createOrbitCamera([0, 0, 0], 100), 0.5);
    expectClose(frame.right, [102, 0, 0]);
    expectClose(frame.up, [0, 0, 204]);
  });

  it('starts zoomed to a fitting sphere smaller than the volume', () => {
    const camera = createOrbitCamera([0, 0, 0], 100, 50);
    expect(camera.halfHeightMm).toBeCloseTo(51, 12);
    expectClose(cameraFrame(camera, 1).eye, [0, -101, 0]);
  });
});
