/**
 * sRGB (0–255) ↔ DICOM-scaled CIELab (RecommendedDisplayCIELabValue, PS3.3 C.10.7.1.1:
 * L* 0–100 and a*, b* −128–127 mapped linearly onto 0–65535), through CIE XYZ with the D65
 * white point, as dcmtk's cielabutil and dcmjs do.
 */
const WHITE_D65 = [0.950456, 1, 1.088754] as const;

const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number): number =>
  c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
const labF = (t: number): number =>
  t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116;
const labFInverse = (t: number): number =>
  t ** 3 > 216 / 24389 ? t ** 3 : ((t - 16 / 116) * 116 * 27) / 24389;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function rgbToDicomLab(rgb: readonly [number, number, number]): [number, number, number] {
  const [r, g, b] = rgb.map((c) => toLinear(clamp(c, 0, 255) / 255)) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / WHITE_D65[0];
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / WHITE_D65[1];
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / WHITE_D65[2];
  const l = 116 * labF(y) - 16;
  const a = 500 * (labF(x) - labF(y));
  const bb = 200 * (labF(y) - labF(z));
  return [
    Math.round(clamp((l * 65535) / 100, 0, 65535)),
    Math.round(clamp(((a + 128) * 65535) / 255, 0, 65535)),
    Math.round(clamp(((bb + 128) * 65535) / 255, 0, 65535)),
  ];
}

export function dicomLabToRgb(lab: readonly [number, number, number]): [number, number, number] {
  const l = (lab[0] * 100) / 65535;
  const a = (lab[1] * 255) / 65535 - 128;
  const b = (lab[2] * 255) / 65535 - 128;
  const fy = (l + 16) / 116;
  const x = WHITE_D65[0] * labFInverse(fy + a / 500);
  const y = WHITE_D65[1] * labFInverse(fy);
  const z = WHITE_D65[2] * labFInverse(fy - b / 200);
  const linear = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
  return linear.map((c) => Math.round(clamp(fromLinear(clamp(c, 0, 1)), 0, 1) * 255)) as [
    number,
    number,
    number,
  ];
}
