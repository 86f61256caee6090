import {
  CT_ABDOMEN_POINTS,
  CT_ABDOMEN_RANGE,
  OPACITY_UNIT_MM,
  RENDER_PRESETS,
  boundingSphere,
  buildTransferTable,
  cameraFrame,
  createOrbitCamera,
  gradientToPatient,
  indexStepVectors,
  invertAffine,
  orbitCamera,
  textureToPatient,
  transformPoint,
  zoomCamera,
  type DownsamplePlan,
  type Mat3,
  type Mat4,
  type OrbitCamera,
  type RenderPresetId,
  type Vec3,
} from './engine';
import { bindLabels, type LabelLayer } from './bindLabels';
import { createVolumeRenderer, type VolumeRenderer } from './gl/createVolumeRenderer';
import { EMPTY_BOX, reduceVolume, unionTextureBox, type ReducedVolume } from './reduceVolume';
import {
  volume3dError,
  type FrameInfo,
  type LabelSource,
  type Volume3dError,
  type VolumeSource,
} from './types';

export interface VolumeViewOptions {
  /** Longest side of the volume texture, voxels (the image is block-averaged to fit). */
  readonly maxVolumeDimension?: number;
  /** Longest side of the segmentation texture, voxels (full resolution up to this). */
  readonly maxLabelDimension?: number;
  /** Pixels drawn per full-quality frame at most; the canvas is scaled up to fit. */
  readonly maxFramePixels?: number;
  /** Idle time after the last interaction before the full-quality frame, ms. */
  readonly settleMs?: number;
}

/** The 3D view of one container: a WebGL2 canvas, an orbit camera and its scheduling. */
export interface VolumeView {
  setVolume(source: VolumeSource): Volume3dError | null;
  setLabels(source: LabelSource | null): void;
  setPreset(id: RenderPresetId): void;
  orbit(yawRad: number, pitchRad: number): void;
  zoom(factor: number): void;
  resetCamera(): void;
  /** Re-reads the container's size and redraws. */
  resize(): void;
  onFrame(listener: (info: FrameInfo) => void): () => void;
  onError(listener: (error: Volume3dError) => void): () => void;
  dispose(): void;
}

interface Scene {
  readonly source: VolumeSource;
  readonly plan: DownsamplePlan;
  readonly textureToWorld: Mat4;
  readonly worldToTexture: Mat4;
  readonly steps: readonly [Vec3, Vec3, Vec3];
  readonly volumeGradient: Mat3;
  readonly mip: { readonly lo: number; readonly hi: number };
  readonly content: ReducedVolume['content'];
  readonly stepMm: number;
  readonly radiusMm: number;
  readonly centre: Vec3;
}

const length = (v: Vec3): number => Math.hypot(v[0], v[1], v[2]);
// Share of the volume in front of a segment that may hide it (composite): lesions inside
// an organ stay visible through it.
const FRONT_ALPHA_CAP = 0.5;

/**
 * Creates the 3D view inside `container` (a canvas of its own, WebGL2, no cornerstone), or
 * returns why it cannot. Frames are requested, never drawn synchronously: interaction and
 * edits draw a reduced-resolution frame on the next animation frame and a full one once
 * things settle.
 */
export function createVolumeView(
  container: HTMLElement,
  options: VolumeViewOptions = {},
): VolumeView | Volume3dError {
  const maxVolumeDimension = options.maxVolumeDimension ?? 256;
  const maxLabelDimension = options.maxLabelDimension ?? 512;
  const maxFramePixels = options.maxFramePixels ?? 384 * 384;
  const settleMs = options.settleMs ?? 200;
  const canvas = document.createElement('canvas');
  canvas.className = 'volume3d-canvas';
  canvas.dataset.testid = 'volume3d-canvas';
  const gl = canvas.getContext('webgl2', {
    alpha: false,
    antialias: false,
    depth: false,
    stencil: false,
    // Keeps the last frame readable (screenshots, tests) between animation frames.
    preserveDrawingBuffer: true,
  });
  if (!gl) {
    return volume3dError(
      'WEBGL2_UNAVAILABLE',
      'WebGL2 is not available in this browser, so the 3D view cannot be shown. The 2D views keep working.',
    );
  }
  const created = createVolumeRenderer(gl);
  if ('code' in created) {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return created;
  }
  const renderer: VolumeRenderer = created;
  container.appendChild(canvas);

  const frameListeners = new Set<(info: FrameInfo) => void>();
  const errorListeners = new Set<(error: Volume3dError) => void>();
  let scene: Scene | null = null;
  let labels: LabelLayer | null = null;
  let preset: RenderPresetId = 'ctAbdomen';
  let camera: OrbitCamera | null = null;
  let animationFrame = 0;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let needInteractive = false;
  let needFull = false;
  let settling = false;
  // One frame on the GPU at a time: on a slow GPU, requests made meanwhile collapse into
  // the next frame instead of queueing up behind each other.
  let inFlight = false;
  let fullFrames = 0;
  let disposed = false;
  const polls = new Set<ReturnType<typeof setTimeout>>();

  const onContextLost = (event: Event): void => {
    event.preventDefault();
    const error = volume3dError(
      'CONTEXT_LOST',
      'The 3D view lost its WebGL context (the GPU was reset or too many views are open). Turn 3D off and on to retry.',
    );
    for (const listener of errorListeners) listener(error);
  };
  canvas.addEventListener('webglcontextlost', onContextLost);

  function applyPreset(): void {
    if (RENDER_PRESETS.find((p) => p.id === preset)?.mode === 'composite') {
      renderer.setTransfer(buildTransferTable(CT_ABDOMEN_POINTS, CT_ABDOMEN_RANGE, 512));
    }
  }

  function watchFence(sync: WebGLSync, started: number, info: Omit<FrameInfo, 'gpuMs'>): void {
    const poll = (): void => {
      polls.delete(timer);
      if (disposed) return;
      if (!renderer.isFinished(sync)) {
        timer = setTimeout(poll, 4);
        polls.add(timer);
        return;
      }
      renderer.deleteSync(sync);
      inFlight = false;
      const frame: FrameInfo = { ...info, gpuMs: performance.now() - started };
      for (const listener of frameListeners) listener(frame);
      if (needInteractive || needFull) animationFrame ||= requestAnimationFrame(draw);
    };
    let timer = setTimeout(poll, 0);
    polls.add(timer);
  }

  function draw(): void {
    animationFrame = 0;
    if (inFlight || (!needInteractive && !needFull)) return;
    const interactive = needInteractive;
    if (interactive) needInteractive = false;
    else needFull = false;
    labels?.flush();
    if (!scene || !camera) return;
    const cssWidth = Math.max(1, container.clientWidth);
    const cssHeight = Math.max(1, container.clientHeight);
    const dpr = window.devicePixelRatio || 1;
    const full = Math.min(dpr, Math.sqrt(maxFramePixels / (cssWidth * cssHeight)));
    const scale = interactive ? full / 2 : full;
    const width = Math.max(1, Math.round(cssWidth * scale));
    const height = Math.max(1, Math.round(cssHeight * scale));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const mode = RENDER_PRESETS.find((p) => p.id === preset)?.mode ?? 'composite';
    const labelBox = labels?.occupiedBox() ?? null;
    const rayBox = unionTextureBox(scene.content[mode], labelBox) ?? EMPTY_BOX;
    const stepMm = interactive ? scene.stepMm * 2 : scene.stepMm;
    const started = performance.now();
    const sync = renderer.draw({
      width,
      height,
      frame: cameraFrame(camera, cssWidth / cssHeight),
      worldToTexture: scene.worldToTexture,
      volumeGradient: scene.volumeGradient,
      labelGradient: labels?.gradient ?? scene.volumeGradient,
      labelScale: labels?.scale ?? [1, 1, 1],
      mode,
      valueRange: mode === 'mip' ? scene.mip : CT_ABDOMEN_RANGE,
      stepMm,
      opacityUnitMm: OPACITY_UNIT_MM,
      frontAlphaCap: FRONT_ALPHA_CAP,
      rayBox,
      labelBox: labelBox ?? EMPTY_BOX,
      maxSteps: Math.ceil((2 * scene.radiusMm + 2) / stepMm) + 2,
    });
    if (!interactive) fullFrames++;
    if (sync) {
      inFlight = true;
      watchFence(sync, started, {
        quality: interactive ? 'interactive' : 'full',
        width,
        height,
        fullFrames,
      });
    }
  }

  /** Schedules a frame: interactive ones are followed by a full one once input settles. */
  function requestFrame(interactive: boolean): void {
    if (disposed) return;
    if (interactive) {
      needInteractive = true;
      settling = true;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => {
        // Input has settled: a reduced frame still waiting is superseded by the full one.
        settling = false;
        needInteractive = false;
        requestFrame(false);
      }, settleMs);
    } else if (!settling) {
      needFull = true;
    }
    if (!inFlight) animationFrame ||= requestAnimationFrame(draw);
  }

  /**
   * The anterior view centred on what the preset shows (the body, not the air round it),
   * zoomed to fit it; rays still start outside the whole volume.
   */
  function fittedCamera(): OrbitCamera | null {
    if (!scene) return null;
    const mode = RENDER_PRESETS.find((p) => p.id === preset)?.mode ?? 'composite';
    const box = scene.content[mode];
    if (!box) return createOrbitCamera(scene.centre, scene.radiusMm);
    const corner = (t: Vec3): Vec3 => transformPoint(scene!.textureToWorld, t);
    const a = corner(box.min);
    const b = corner(box.max);
    const target: Vec3 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
    const offset = Math.hypot(
      target[0] - scene.centre[0],
      target[1] - scene.centre[1],
      target[2] - scene.centre[2],
    );
    const fit = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / 2;
    return createOrbitCamera(target, scene.radiusMm + offset, fit);
  }

  function unbindLabels(): void {
    labels?.dispose();
    labels = null;
  }

  const view: VolumeView = {
    setVolume(source) {
      if (!source.isVolume) {
        scene = null;
        unbindLabels();
        renderer.clear();
        return volume3dError(
          'NOT_A_VOLUME',
          'This series is not a regular volume (see its warnings): it cannot be shown in 3D.',
        );
      }
      if (scene?.source === source) return null;
      const maxDimension = Math.min(maxVolumeDimension, renderer.max3dTextureSize);
      const reduced = reduceVolume(source, maxDimension);
      const error = renderer.setVolume(reduced.plan.dimensions, reduced.data);
      if (error) {
        scene = null;
        unbindLabels();
        renderer.clear();
        return error;
      }
      const textureToWorld = textureToPatient(source, reduced.plan.extent);
      const steps = indexStepVectors(source);
      const { centre, radiusMm } = boundingSphere(textureToWorld);
      const voxelMm = Math.min(...steps.map((s, a) => length(s) * reduced.plan.factors[a]!));
      const previous = labels?.source ?? null;
      scene = {
        source,
        plan: reduced.plan,
        textureToWorld,
        worldToTexture: invertAffine(textureToWorld),
        steps,
        volumeGradient: gradientToPatient(steps, reduced.plan.factors),
        mip: reduced.mip,
        content: reduced.content,
        // Below the reduced voxel size, so thin bright structures are not stepped over.
        stepMm: Math.max(0.25, voxelMm * 0.8),
        radiusMm,
        centre,
      };
      camera = fittedCamera();
      applyPreset();
      unbindLabels();
      if (previous) view.setLabels(previous);
      requestFrame(false);
      return null;
    },
    setLabels(source) {
      if (labels?.source === source) return;
      unbindLabels();
      const dims = source?.labelmap.geometry.dimensions;
      if (!source || !scene || !dims || dims.some((n, a) => n !== scene!.source.dimensions[a])) {
        requestFrame(false);
        return;
      }
      const bound = bindLabels(
        renderer,
        source,
        scene,
        Math.min(maxLabelDimension, renderer.max3dTextureSize),
        requestFrame,
      );
      if ('code' in bound) {
        for (const listener of errorListeners) listener(bound);
        return;
      }
      labels = bound;
      requestFrame(false);
    },
    setPreset(id) {
      preset = id;
      applyPreset();
      requestFrame(false);
    },
    orbit(yawRad, pitchRad) {
      if (!camera) return;
      camera = orbitCamera(camera, yawRad, pitchRad);
      requestFrame(true);
    },
    zoom(factor) {
      if (!camera) return;
      camera = zoomCamera(camera, factor);
      requestFrame(true);
    },
    resetCamera() {
      if (!scene) return;
      camera = fittedCamera();
      requestFrame(false);
    },
    resize() {
      requestFrame(true);
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (animationFrame) cancelAnimationFrame(animationFrame);
      clearTimeout(settleTimer);
      for (const timer of polls) clearTimeout(timer);
      unbindLabels();
      renderer.dispose();
      canvas.removeEventListener('webglcontextlost', onContextLost);
      // Browsers cap live WebGL contexts (16 in Chromium) and drop the oldest, which would
      // be cornerstone's: release ours now rather than at garbage collection.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      canvas.remove();
      frameListeners.clear();
      errorListeners.clear();
    },
  };
  return view;
}
