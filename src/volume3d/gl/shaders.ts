/** A full-screen triangle without buffers: vertex ids 0, 1, 2 → NDC corners. */
export const VERTEX_SHADER = `#version 300 es
out vec2 vNdc;
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  vNdc = p * 2.0 - 1.0;
  gl_Position = vec4(vNdc, 0.0, 1.0);
}
`;

/**
 * Orthographic ray caster in texture space. Composite: front-to-back emission–absorption
 * with a transfer-function table, opacity corrected for the step, headlight shading from
 * the gradient. MIP: the maximum along the ray, grey between two values. Segments: the
 * first labelled voxel (nearest, integer texture) of a visible segment, shaded from the
 * label's own gradient; in composite the volume in front of it is capped at
 * uFrontAlphaCap so lesions inside an organ stay visible.
 */
export const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler3D;
precision highp usampler3D;

uniform sampler3D uVolume;
uniform usampler3D uLabels;
uniform sampler2D uTransfer;
uniform sampler2D uPalette;
uniform mat4 uWorldToTex;
uniform mat3 uVolumeGradient;
uniform mat3 uLabelGradient;
uniform vec3 uEye;
uniform vec3 uRight;
uniform vec3 uUp;
uniform vec3 uForward;
uniform vec2 uValueRange;
uniform float uTransferSize;
uniform float uStepMm;
uniform float uOpacityUnitMm;
uniform int uMode;
uniform int uMaxSteps;
uniform vec3 uVolumeTexel;
uniform ivec3 uLabelDims;
uniform vec3 uLabelScale;
uniform bool uHasLabels;
uniform float uFrontAlphaCap;
uniform vec3 uBoxMin;
uniform vec3 uBoxMax;
uniform vec3 uLabelBoxMin;
uniform vec3 uLabelBoxMax;

in vec2 vNdc;
out vec4 outColor;

const int MAX_STEPS = 4096;

float valueAt(vec3 p) {
  return texture(uVolume, p).r;
}

vec4 transferAt(float v) {
  float t = clamp((v - uValueRange.x) / (uValueRange.y - uValueRange.x), 0.0, 1.0);
  return texture(uTransfer, vec2((t * (uTransferSize - 1.0) + 0.5) / uTransferSize, 0.5));
}

uint labelAt(ivec3 i) {
  if (any(lessThan(i, ivec3(0))) || any(greaterThanEqual(i, uLabelDims))) return 0u;
  return texelFetch(uLabels, i, 0).r;
}

float isLabel(ivec3 i, uint l) {
  return labelAt(i) == l ? 1.0 : 0.0;
}

vec3 shadeLabel(ivec3 i, uint l, vec3 base) {
  vec3 g = vec3(
    isLabel(i - ivec3(1, 0, 0), l) - isLabel(i + ivec3(1, 0, 0), l),
    isLabel(i - ivec3(0, 1, 0), l) - isLabel(i + ivec3(0, 1, 0), l),
    isLabel(i - ivec3(0, 0, 1), l) - isLabel(i + ivec3(0, 0, 1), l));
  float lit = 1.0;
  if (dot(g, g) > 0.0) {
    vec3 n = normalize(uLabelGradient * g);
    lit = 0.3 + 0.7 * abs(dot(n, uForward));
  }
  return base * lit;
}

void main() {
  vec3 startWorld = uEye + vNdc.x * uRight + vNdc.y * uUp;
  vec3 o = (uWorldToTex * vec4(startWorld, 1.0)).xyz;
  vec3 d = mat3(uWorldToTex) * uForward;
  vec3 safe = vec3(
    abs(d.x) < 1e-12 ? 1e-12 : d.x,
    abs(d.y) < 1e-12 ? 1e-12 : d.y,
    abs(d.z) < 1e-12 ? 1e-12 : d.z);
  // Rays only cross the box of visible content and segments: air costs no steps.
  vec3 t0 = (uBoxMin - o) / safe;
  vec3 t1 = (uBoxMax - o) / safe;
  vec3 tn = min(t0, t1);
  vec3 tf = max(t0, t1);
  float tNear = max(max(tn.x, tn.y), max(tn.z, 0.0));
  float tFar = min(min(tf.x, tf.y), tf.z);
  if (tFar <= tNear) {
    outColor = vec4(0.0, 0.0, 0.0, 1.0);
    return;
  }
  // Per-pixel jitter of the first sample hides the wood-grain pattern of a fixed step.
  float jitter = fract(sin(dot(gl_FragCoord.xy, vec2(12.9898, 78.233))) * 43758.5453);
  float t = tNear + jitter * uStepMm;
  float alphaExponent = uStepMm / uOpacityUnitMm;
  vec4 acc = vec4(0.0);
  float maxValue = -1e30;
  vec4 label = vec4(0.0);
  for (int i = 0; i < MAX_STEPS; i++) {
    if (t > tFar || i >= uMaxSteps) break;
    vec3 p = o + d * t;
    if (uHasLabels && label.a == 0.0 && all(greaterThanEqual(p, uLabelBoxMin))
        && all(lessThanEqual(p, uLabelBoxMax))) {
      ivec3 li = ivec3(floor(p * uLabelScale * vec3(uLabelDims)));
      uint l = labelAt(li);
      if (l > 0u) {
        vec4 segment = texelFetch(uPalette, ivec2(int(l), 0), 0);
        if (segment.a > 0.0) {
          label = vec4(shadeLabel(li, l, segment.rgb), 1.0);
          if (uMode == 0) break;
        }
      }
    }
    float v = valueAt(p);
    if (uMode == 1) {
      maxValue = max(maxValue, v);
    } else {
      vec4 tfv = transferAt(v);
      if (tfv.a > 0.0) {
        float a = 1.0 - pow(1.0 - tfv.a, alphaExponent);
        vec3 g = vec3(
          valueAt(p - vec3(uVolumeTexel.x, 0.0, 0.0)) - valueAt(p + vec3(uVolumeTexel.x, 0.0, 0.0)),
          valueAt(p - vec3(0.0, uVolumeTexel.y, 0.0)) - valueAt(p + vec3(0.0, uVolumeTexel.y, 0.0)),
          valueAt(p - vec3(0.0, 0.0, uVolumeTexel.z)) - valueAt(p + vec3(0.0, 0.0, uVolumeTexel.z)));
        float lit = 1.0;
        if (dot(g, g) > 1e-6) {
          vec3 n = normalize(uVolumeGradient * g);
          lit = 0.35 + 0.65 * abs(dot(n, uForward));
        }
        acc.rgb += (1.0 - acc.a) * a * tfv.rgb * lit;
        acc.a += (1.0 - acc.a) * a;
        if (acc.a > 0.98) break;
      }
    }
    t += uStepMm;
  }
  vec3 colour;
  if (uMode == 1) {
    float grey = maxValue < -1e29
      ? 0.0
      : clamp((maxValue - uValueRange.x) / (uValueRange.y - uValueRange.x), 0.0, 1.0);
    colour = label.a > 0.0 ? mix(vec3(grey), label.rgb, 0.85) : vec3(grey);
  } else if (label.a > 0.0) {
    float front = min(acc.a, uFrontAlphaCap);
    vec3 frontRgb = acc.a > 0.0 ? acc.rgb * (front / acc.a) : vec3(0.0);
    colour = frontRgb + (1.0 - front) * label.rgb;
  } else {
    colour = acc.rgb;
  }
  outColor = vec4(colour, 1.0);
}
`;
