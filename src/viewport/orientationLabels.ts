/**
 * Orientation letters for a direction in the DICOM patient system (LPS: +x left,
 * +y posterior, +z superior), as shown at the edges of a viewport. Up to three letters,
 * strongest axis first; axes weaker than the oblique threshold are left out (as in OHIF and
 * Slicer), so an axial view shows "L", an oblique one "LP".
 */
const OBLIQUE_THRESHOLD = 0.25;

export function orientationLabel(direction: readonly [number, number, number]): string {
  const letters: Array<{ weight: number; letter: string }> = [
    { weight: direction[0], letter: direction[0] >= 0 ? 'L' : 'R' },
    { weight: direction[1], letter: direction[1] >= 0 ? 'P' : 'A' },
    { weight: direction[2], letter: direction[2] >= 0 ? 'S' : 'I' },
  ];
  return letters
    .filter((entry) => Math.abs(entry.weight) > OBLIQUE_THRESHOLD)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .map((entry) => entry.letter)
    .join('');
}

export interface EdgeLabels {
  readonly left: string;
  readonly right: string;
  readonly top: string;
  readonly bottom: string;
}

/**
 * Edge letters from a camera: `viewUp` is the screen's up direction and `viewPlaneNormal`
 * points from the image towards the viewer (vtk/cornerstone convention), both in LPS.
 * Screen right = viewUp × viewPlaneNormal.
 */
export function edgeLabelsForCamera(
  viewUp: readonly [number, number, number],
  viewPlaneNormal: readonly [number, number, number],
): EdgeLabels {
  const [ux, uy, uz] = viewUp;
  const [nx, ny, nz] = viewPlaneNormal;
  const right: [number, number, number] = [uy * nz - uz * ny, uz * nx - ux * nz, ux * ny - uy * nx];
  const left: [number, number, number] = [-right[0], -right[1], -right[2]];
  return {
    top: orientationLabel(viewUp),
    bottom: orientationLabel([-ux, -uy, -uz]),
    right: orientationLabel(right),
    left: orientationLabel(left),
  };
}
