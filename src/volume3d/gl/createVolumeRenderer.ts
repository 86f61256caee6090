import type { CameraFrame, Mat3, Mat4, Vec3, VoxelBox } from '../engine';
import { volume3dError, type Volume3dError } from '../types';
import { FRAGMENT_SHADER, VERTEX_SHADER } from './shaders';

/** Everything one frame needs besides the textures. */
export interface DrawParams {
  readonly width: number;
  readonly height: number;
  readonly frame: CameraFrame;
  readonly worldToTexture: Mat4;
  readonly volumeGradient: Mat3;
  readonly labelGradient: Mat3;
  /** Volume texture coordinates → label texture coordinates, per axis. */
  readonly labelScale: Vec3;
  readonly mode: 'composite' | 'mip';
  readonly valueRange: { readonly lo: number; readonly hi: number };
  readonly stepMm: number;
  readonly opacityUnitMm: number;
  readonly frontAlphaCap: number;
  /** Texture-space box rays are clipped to (min > max: nothing to draw). */
  readonly rayBox: { readonly min: Vec3; readonly max: Vec3 };
  /** Texture-space box outside which no voxel is labelled. */
  readonly labelBox: { readonly min: Vec3; readonly max: Vec3 };
  /** Loop bound: enough steps for the longest chord through the volume. */
  readonly maxSteps: number;
}

/** The WebGL2 side of the 3D view: one program, four textures, one full-screen draw. */
export interface VolumeRenderer {
  readonly max3dTextureSize: number;
  setVolume(dimensions: Vec3, data: Float32Array): Volume3dError | null;
  setLabels(dimensions: Vec3, data: Uint8Array): Volume3dError | null;
  /** Uploads the voxels of `box` from `data` (the whole label grid), nothing else. */
  updateLabels(box: VoxelBox, data: Uint8Array): void;
  clearLabels(): void;
  /** 256 RGBA8 entries, one per label value; alpha 0 hides a label. */
  setPalette(rgba: Uint8Array): void;
  setTransfer(rgba: Uint8Array): void;
  /** Paints the canvas black (nothing to show). */
  clear(): void;
  /** Draws one frame; returns a fence that signals when the GPU has finished it. */
  draw(params: DrawParams): WebGLSync | null;
  isFinished(sync: WebGLSync): boolean;
  deleteSync(sync: WebGLSync): void;
  dispose(): void;
}

const UNIFORMS = [
  'uVolume',
  'uLabels',
  'uTransfer',
  'uPalette',
  'uWorldToTex',
  'uVolumeGradient',
  'uLabelGradient',
  'uEye',
  'uRight',
  'uUp',
  'uForward',
  'uValueRange',
  'uTransferSize',
  'uStepMm',
  'uOpacityUnitMm',
  'uMode',
  'uMaxSteps',
  'uVolumeTexel',
  'uLabelDims',
  'uLabelScale',
  'uHasLabels',
  'uFrontAlphaCap',
  'uBoxMin',
  'uBoxMax',
  'uLabelBoxMin',
  'uLabelBoxMax',
] as const;
type UniformName = (typeof UNIFORMS)[number];

function compile(
  gl: WebGL2RenderingContext,
  type: number,
  source: string,
): WebGLShader | Volume3dError {
  const shader = gl.createShader(type);
  if (!shader) return volume3dError('SHADER_FAILED', 'The 3D view could not create a shader.');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
    const log = gl.getShaderInfoLog(shader) ?? '';
    gl.deleteShader(shader);
    return volume3dError('SHADER_FAILED', `The 3D view's shader did not compile: ${log}`);
  }
  return shader;
}

function createProgram(gl: WebGL2RenderingContext): WebGLProgram | Volume3dError {
  const vs = compile(gl, gl.VERTEX_SHADER, VERTEX_SHADER);
  if (!(vs instanceof WebGLShader)) return vs;
  const fs = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT_SHADER);
  if (!(fs instanceof WebGLShader)) {
    gl.deleteShader(vs);
    return fs;
  }
  const program = gl.createProgram();
  gl.attachShader(program, vs);
  gl.attachShader(program, fs);
  gl.linkProgram(program);
  gl.deleteShader(vs);
  gl.deleteShader(fs);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
    const log = gl.getProgramInfoLog(program) ?? '';
    gl.deleteProgram(program);
    return volume3dError('SHADER_FAILED', `The 3D view's shader did not link: ${log}`);
  }
  return program;
}

function createTexture(gl: WebGL2RenderingContext, target: number, filter: number): WebGLTexture {
  const texture = gl.createTexture();
  gl.bindTexture(target, texture);
  gl.texParameteri(target, gl.TEXTURE_MIN_FILTER, filter);
  gl.texParameteri(target, gl.TEXTURE_MAG_FILTER, filter);
  gl.texParameteri(target, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(target, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  if (target === gl.TEXTURE_3D) gl.texParameteri(target, gl.TEXTURE_WRAP_R, gl.CLAMP_TO_EDGE);
  return texture;
}

/**
 * Creates the renderer on a WebGL2 context, or says why it cannot: no WebGL2, no usable 3D
 * textures, or a shader the driver rejects.
 */
export function createVolumeRenderer(gl: WebGL2RenderingContext): VolumeRenderer | Volume3dError {
  const max3dTextureSize = gl.getParameter(gl.MAX_3D_TEXTURE_SIZE) as number;
  if (!max3dTextureSize || max3dTextureSize < 64) {
    return volume3dError(
      'TEXTURE_3D_UNAVAILABLE',
      'This browser offers no usable 3D textures, which the 3D view needs.',
    );
  }
  const program = createProgram(gl);
  if (!(program instanceof WebGLProgram)) return program;
  const location = Object.fromEntries(
    UNIFORMS.map((name) => [name, gl.getUniformLocation(program, name)]),
  ) as Record<UniformName, WebGLUniformLocation | null>;
  const vao = gl.createVertexArray();
  const volume = createTexture(gl, gl.TEXTURE_3D, gl.LINEAR);
  const labels = createTexture(gl, gl.TEXTURE_3D, gl.NEAREST);
  const palette = createTexture(gl, gl.TEXTURE_2D, gl.NEAREST);
  const transfer = createTexture(gl, gl.TEXTURE_2D, gl.LINEAR);
  let volumeDims: Vec3 = [1, 1, 1];
  let labelDims: Vec3 | null = null;
  let transferSize = 1;
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  // Empty 1×1×1 placeholders keep every sampler complete before data arrives.
  gl.bindTexture(gl.TEXTURE_3D, labels);
  gl.texImage3D(
    gl.TEXTURE_3D,
    0,
    gl.R8UI,
    1,
    1,
    1,
    0,
    gl.RED_INTEGER,
    gl.UNSIGNED_BYTE,
    new Uint8Array(1),
  );
  gl.bindTexture(gl.TEXTURE_3D, volume);
  gl.texImage3D(gl.TEXTURE_3D, 0, gl.R16F, 1, 1, 1, 0, gl.RED, gl.FLOAT, new Float32Array(1));
  gl.bindTexture(gl.TEXTURE_2D, palette);
  gl.texImage2D(
    gl.TEXTURE_2D,
    0,
    gl.RGBA8,
    256,
    1,
    0,
    gl.RGBA,
    gl.UNSIGNED_BYTE,
    new Uint8Array(1024),
  );
  gl.bindTexture(gl.TEXTURE_2D, transfer);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));

  function uploadFailed(what: string): Volume3dError | null {
    const error = gl.getError();
    if (error === gl.NO_ERROR) return null;
    return volume3dError(
      'TEXTURE_UPLOAD_FAILED',
      `The 3D view could not upload the ${what} to the GPU (WebGL error ${error}); the volume may be too large for this device.`,
    );
  }

  return {
    max3dTextureSize,
    setVolume(dimensions, data) {
      gl.getError();
      gl.bindTexture(gl.TEXTURE_3D, volume);
      // R16F is filterable in every WebGL2 implementation (R32F is not); the driver
      // converts the float32 upload.
      gl.texImage3D(gl.TEXTURE_3D, 0, gl.R16F, ...dimensions, 0, gl.RED, gl.FLOAT, data);
      volumeDims = dimensions;
      return uploadFailed('volume');
    },
    setLabels(dimensions, data) {
      gl.getError();
      gl.bindTexture(gl.TEXTURE_3D, labels);
      gl.texImage3D(
        gl.TEXTURE_3D,
        0,
        gl.R8UI,
        ...dimensions,
        0,
        gl.RED_INTEGER,
        gl.UNSIGNED_BYTE,
        data,
      );
      labelDims = dimensions;
      return uploadFailed('segmentation');
    },
    updateLabels(box, data) {
      if (!labelDims) return;
      const [nx, ny] = labelDims;
      gl.bindTexture(gl.TEXTURE_3D, labels);
      // Read the box straight out of the whole grid: no copy of the changed voxels.
      gl.pixelStorei(gl.UNPACK_ROW_LENGTH, nx);
      gl.pixelStorei(gl.UNPACK_IMAGE_HEIGHT, ny);
      gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, box.min[0]);
      gl.pixelStorei(gl.UNPACK_SKIP_ROWS, box.min[1]);
      gl.pixelStorei(gl.UNPACK_SKIP_IMAGES, box.min[2]);
      gl.texSubImage3D(
        gl.TEXTURE_3D,
        0,
        box.min[0],
        box.min[1],
        box.min[2],
        box.max[0] - box.min[0] + 1,
        box.max[1] - box.min[1] + 1,
        box.max[2] - box.min[2] + 1,
        gl.RED_INTEGER,
        gl.UNSIGNED_BYTE,
        data,
      );
      for (const p of [
        gl.UNPACK_ROW_LENGTH,
        gl.UNPACK_IMAGE_HEIGHT,
        gl.UNPACK_SKIP_PIXELS,
        gl.UNPACK_SKIP_ROWS,
        gl.UNPACK_SKIP_IMAGES,
      ]) {
        gl.pixelStorei(p, 0);
      }
    },
    clearLabels() {
      labelDims = null;
    },
    setPalette(rgba) {
      gl.bindTexture(gl.TEXTURE_2D, palette);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, 256, 1, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
    },
    setTransfer(rgba) {
      transferSize = rgba.length / 4;
      gl.bindTexture(gl.TEXTURE_2D, transfer);
      gl.texImage2D(
        gl.TEXTURE_2D,
        0,
        gl.RGBA8,
        transferSize,
        1,
        0,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        rgba,
      );
    },
    clear() {
      gl.clearColor(0, 0, 0, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
    },
    draw(p) {
      if (gl.isContextLost()) return null;
      gl.viewport(0, 0, p.width, p.height);
      gl.useProgram(program);
      gl.bindVertexArray(vao);
      const units: Array<[WebGLTexture, number, UniformName]> = [
        [volume, gl.TEXTURE_3D, 'uVolume'],
        [labels, gl.TEXTURE_3D, 'uLabels'],
        [transfer, gl.TEXTURE_2D, 'uTransfer'],
        [palette, gl.TEXTURE_2D, 'uPalette'],
      ];
      units.forEach(([texture, target, name], unit) => {
        gl.activeTexture(gl.TEXTURE0 + unit);
        gl.bindTexture(target, texture);
        gl.uniform1i(location[name], unit);
      });
      gl.uniformMatrix4fv(location.uWorldToTex, false, p.worldToTexture);
      gl.uniformMatrix3fv(location.uVolumeGradient, false, p.volumeGradient);
      gl.uniformMatrix3fv(location.uLabelGradient, false, p.labelGradient);
      gl.uniform3fv(location.uEye, p.frame.eye);
      gl.uniform3fv(location.uRight, p.frame.right);
      gl.uniform3fv(location.uUp, p.frame.up);
      gl.uniform3fv(location.uForward, p.frame.forward);
      gl.uniform2f(location.uValueRange, p.valueRange.lo, p.valueRange.hi);
      gl.uniform1f(location.uTransferSize, transferSize);
      gl.uniform1f(location.uStepMm, p.stepMm);
      gl.uniform1f(location.uOpacityUnitMm, p.opacityUnitMm);
      gl.uniform1i(location.uMode, p.mode === 'mip' ? 1 : 0);
      gl.uniform1i(location.uMaxSteps, Math.min(4096, p.maxSteps));
      gl.uniform3f(location.uVolumeTexel, 1 / volumeDims[0], 1 / volumeDims[1], 1 / volumeDims[2]);
      gl.uniform3i(location.uLabelDims, ...(labelDims ?? [1, 1, 1]));
      gl.uniform3fv(location.uLabelScale, p.labelScale);
      gl.uniform1i(location.uHasLabels, labelDims ? 1 : 0);
      gl.uniform1f(location.uFrontAlphaCap, p.frontAlphaCap);
      gl.uniform3fv(location.uBoxMin, p.rayBox.min);
      gl.uniform3fv(location.uBoxMax, p.rayBox.max);
      gl.uniform3fv(location.uLabelBoxMin, p.labelBox.min);
      gl.uniform3fv(location.uLabelBoxMax, p.labelBox.max);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      return gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    },
    isFinished(sync) {
      return gl.isContextLost() || gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED;
    },
    deleteSync(sync) {
      gl.deleteSync(sync);
    },
    dispose() {
      for (const texture of [volume, labels, palette, transfer]) gl.deleteTexture(texture);
      gl.deleteVertexArray(vao);
      gl.deleteProgram(program);
    },
  };
}
