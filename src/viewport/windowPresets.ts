/** Window/level presets in modality units (HU for CT). */
export interface WindowPreset {
  readonly id: 'abdomen' | 'liver' | 'bone' | 'auto';
  readonly label: string;
  /** Number key that applies it. */
  readonly key: string;
  readonly center: number;
  readonly width: number;
}

export const CT_PRESETS: readonly WindowPreset[] = [
  { id: 'abdomen', label: 'Abdomen 400/50', key: '1', center: 50, width: 400 },
  { id: 'liver', label: 'Liver 150/30', key: '2', center: 30, width: 150 },
  { id: 'bone', label: 'Bone 1800/400', key: '3', center: 400, width: 1800 },
];

/**
 * "Auto" window for MR (no calibrated units): the 1st–99th percentile of a sample of the
 * voxels, so a few very bright voxels (fat, fluid in MRCP) do not flatten the image.
 */
export function autoWindow(
  data: ArrayLike<number>,
  maxSamples = 200_000,
): { center: number; width: number } {
  const step = Math.max(1, Math.floor(data.length / maxSamples));
  const sample: number[] = [];
  for (let i = 0; i < data.length; i += step) sample.push(data[i] ?? 0);
  if (sample.length === 0) return { center: 0, width: 1 };
  sample.sort((a, b) => a - b);
  const low = sample[Math.floor(sample.length * 0.01)] ?? 0;
  const high = sample[Math.min(sample.length - 1, Math.floor(sample.length * 0.99))] ?? 1;
  const width = Math.max(1, high - low);
  return { center: low + width / 2, width };
}
