import { describe, expect, it } from 'vitest';
import {
  boundingSphere,
  gradientToPatient,
  invertAffine,
  textureToPatient,
  transformPoint,
} from '../textureGeometry.ts';
import type { Vec3, VolumeGeometry } from '../types.ts';

function axial(dimensions: Vec3, spacing: Vec3, origin: Vec3): VolumeGeometry {
  return {
    dimensions,
    spacing,
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    slicePositions: Array.from(
      { length: dimensions[2] },
      (_, k) => [origin[0], origin[1], origin[2] + k * spacing[2]] as Vec3,
    ),
  };
}

/** Texture coordinate of a voxel centre when the texture spans the whole volume. */
const centreOf = (ijk: Vec3, dims: Vec3): Vec3 =>
  [(ijk[0] + 0.5) / dims[0], (ijk[1] + 0.5) / dims[1], (ijk[2] + 0.5) / dims[2]] as const;

function expectClose(actual: Vec3, expected: Vec3): void {
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
}

describe('textureToPatient', () => {
  const dims: Vec3 = [10, 20, 5];
  const geometry = axial(dims, [2, 3, 4], [100, 200, 300]);
  const m = textureToPatient(geometry, dims);

  it('puts texture corners on the outer faces of the edge voxels', () => {
    expectClose(transformPoint(m, [0, 0, 0]), [99, 198.5, 298]);
    expectClose(transformPoint(m, [1, 1, 1]), [119, 258.5, 318]);
  });

  it('puts voxel centres at origin + index × spacing', () => {
    expectClose(transformPoint(m, centreOf([3, 4, 2], dims)), [106, 212, 308]);
  });

  it('follows a coronal acquisition (IOP 1\\0\\0\\0\\0\\−1)', () => {
    const coronal: VolumeGeometry = {
      dimensions: [4, 4, 3],
      spacing: [1.25, 1.25, 1.5],
      direction: [1, 0, 0, 0, 0, -1, 0, 1, 0],
      slicePositions: [0, 1, 2].map((k) => [-160, -50 + 1.5 * k, 150] as Vec3),
    };
    const c = textureToPatient(coronal, [4, 4, 3]);
    // Column 1 → +1.25 mm in x; row 2 → 2 × 1.25 mm towards the feet; slice 2 → +3 mm in y.
    expectClose(transformPoint(c, centreOf([1, 2, 2], [4, 4, 3])), [-158.75, -47, 147.5]);
  });

  it('takes the slice direction from the positions when they run against the normal', () => {
    const reversed: VolumeGeometry = {
      ...axial([2, 2, 3], [1, 1, 2], [0, 0, 50]),
      slicePositions: [50, 48, 46].map((z) => [0, 0, z] as Vec3),
    };
    const r = textureToPatient(reversed, [2, 2, 3]);
    expectClose(transformPoint(r, centreOf([0, 0, 2], [2, 2, 3])), [0, 0, 46]);
  });

  it('spans a downsampled texture over its whole extent of source voxels', () => {
    // 3 source columns in blocks of 2: the texture spans 4 columns, index −0.5 … 3.5.
    const g = axial([3, 1, 1], [1, 1, 1], [0, 0, 0]);
    const t = textureToPatient(g, [4, 1, 1]);
    expectClose(transformPoint(t, [1, 0.5, 0.5]), [3.5, 0, 0]);
    // The first reduced voxel's centre lies between source columns 0 and 1.
    expectClose(transformPoint(t, [0.25, 0.5, 0.5]), [0.5, 0, 0]);
  });
});

describe('invertAffine', () => {
  it('maps patient points back to texture coordinates', () => {
    const dims: Vec3 = [7, 5, 3];
    const m = textureToPatient(
      {
        dimensions: dims,
        spacing: [0.7, 0.9, 2.5],
        direction: [0.8, 0.6, 0, -0.6, 0.8, 0, 0, 0, 1],
        slicePositions: [0, 1, 2].map((k) => [10, -20, 30 + 2.5 * k] as Vec3),
      },
      dims,
    );
    const inverse = invertAffine(m);
    expectClose(transformPoint(inverse, transformPoint(m, [0.2, 0.7, 0.4])), [0.2, 0.7, 0.4]);
  });
});

describe('gradientToPatient', () => {
  it('is the inverse transpose of the voxel step matrix', () => {
    const n = gradientToPatient(
      [
        [2, 0, 0],
        [0, 3, 0],
        [0, 0, 4],
      ],
      [1, 1, 2],
    );
    const expected = [1 / 2, 0, 0, 0, 1 / 3, 0, 0, 0, 1 / 8];
    n.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });
});

describe('boundingSphere', () => {
  it('has the box centre and half its diagonal', () => {
    const dims: Vec3 = [10, 20, 5];
    const { centre, radiusMm } = boundingSphere(
      textureToPatient(axial(dims, [2, 3, 4], [0, 0, 0]), dims),
    );
    expectClose(centre, [9, 28.5, 8]);
    // 20 × 60 × 20 mm box.
    expect(radiusMm).toBeCloseTo(Math.sqrt(20 ** 2 + 60 ** 2 + 20 ** 2) / 2, 9);
  });
});
