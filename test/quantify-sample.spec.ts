import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleVolume, ingestFiles } from '../src/dicom';
import { computeLesionStatistics } from '../plugins/liver-lesion-review/domain/quantify/computeLesionStatistics';
import type { VolumeGrid } from '../plugins/liver-lesion-review/domain/quantify/types';

/**
 * The whole measurement path on real DICOM: the bundled October CT is ingested from its
 * files, each lesion of the generator's truth is labelled from its ellipsoid, and the
 * statistics are compared with the truth (independent of the measuring code).
 */
const OUT = 'sample-dicom/out';
const truth = JSON.parse(readFileSync(join(OUT, 'truth.json'), 'utf8')) as {
  ct: Array<{
    date: string;
    lesionHu: number;
    noiseSigmaHu: number;
    lesions: Array<{
      id: string;
      centreMm: number[];
      radiiMm: number[];
      longestAxialDiameterMm: number;
      volumeMl: number;
    }>;
  }>;
};

function loadOctoberCt() {
  const dir = join(
    OUT,
    'LLR-SAMPLE-004',
    readdirSync(join(OUT, 'LLR-SAMPLE-004')).find((d) => d.startsWith('20241007'))!,
  );
  const seriesDir = join(dir, readdirSync(dir)[0]!);
  const files = readdirSync(seriesDir).map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(seriesDir, name))),
  }));
  const series = ingestFiles(files).patients[0]!.studies[0]!.series.find(
    (s) => s.kind === 'volume',
  )!;
  const volume = assembleVolume(series);
  if (!volume.ok) throw new Error(volume.error.message);
  return volume.value;
}

describe('lesion statistics on the bundled October CT', () => {
  const volume = loadOctoberCt();
  const g = volume.geometry;
  const grid: VolumeGrid = {
    dimensions: g.dimensions,
    spacingMm: g.spacing,
    originMm: g.origin,
    direction: g.direction,
  };
  const october = truth.ct.find((c) => c.date === '2024-10-07')!;

  /** Labels voxels whose centre lies in the ellipsoid shrunk by `inset` mm. */
  function label(lesion: (typeof october.lesions)[number], inset: number): Uint8Array {
    const [nx, ny, nz] = g.dimensions;
    const labels = new Uint8Array(nx * ny * nz);
    const [cx, cy, cz] = lesion.centreMm as [number, number, number];
    const [rx, ry, rz] = lesion.radiiMm.map((r) => r - inset) as [number, number, number];
    for (let k = 0; k < nz; k++) {
      const z = g.origin[2] + k * g.spacing[2];
      for (let j = 0; j < ny; j++) {
        const y = g.origin[1] + j * g.spacing[1];
        for (let i = 0; i < nx; i++) {
          const x = g.origin[0] + i * g.spacing[0];
          if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 + ((z - cz) / rz) ** 2 <= 1)
            labels[(k * ny + j) * nx + i] = 1;
        }
      }
    }
    return labels;
  }

  it.each(october.lesions.map((l) => [l.id, l] as const))(
    'measures %s against the phantom truth',
    (_id, lesion) => {
      const stats = computeLesionStatistics({
        labels: label(lesion, 0),
        image: volume.data,
        grid,
        segment: 1,
      });
      // Volume: 5 mm slices sample a 13–37 mm lesion coarsely; within 15 % of the ellipsoid.
      expect(Math.abs(stats.volumeMl - lesion.volumeMl) / lesion.volumeMl).toBeLessThan(0.15);
      // Longest axial diameter within one pixel of the truth on the best slice (axis-aligned
      // ellipsoids: the largest cross-section is at the centre slice when one passes near it).
      const nearestSliceOffset = Math.min(
        ...Array.from({ length: g.dimensions[2] }, (_, k) =>
          Math.abs(g.origin[2] + k * g.spacing[2] - lesion.centreMm[2]!),
        ),
      );
      const rz = lesion.radiiMm[2]!;
      const shrink = Math.sqrt(Math.max(0, 1 - (nearestSliceOffset / rz) ** 2));
      expect(
        Math.abs((stats.longestAxial?.lengthMm ?? 0) - lesion.longestAxialDiameterMm * shrink),
      ).toBeLessThanOrEqual(g.spacing[0]);
      // Centroid within half a slice of the centre.
      stats.centroidMm!.forEach((v, a) =>
        expect(Math.abs(v - lesion.centreMm[a]!)).toBeLessThan(g.spacing[2] / 2 + 0.5),
      );
      // Mean HU of the core (2 mm inside the soft edge): the lesion value within 4 σ/√n.
      const core = computeLesionStatistics({
        labels: label(lesion, 2),
        image: volume.data,
        grid,
        segment: 1,
      });
      expect(Math.abs((core.mean ?? 0) - october.lesionHu)).toBeLessThan(
        (4 * october.noiseSigmaHu) / Math.sqrt(core.voxelCount),
      );
      expect(core.sd).toBeGreaterThan(october.noiseSigmaHu * 0.8);
      expect(core.sd).toBeLessThan(october.noiseSigmaHu * 1.2);
    },
  );
});
