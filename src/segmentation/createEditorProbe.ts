import type { Vec3 } from '../viewport/displayVolume';
import type { ViewportController } from '../viewport/createViewportController';
import { worldToIndex } from '../viewport/volumeIndex';
import type { SegmentEditor } from './createSegmentEditor';

/**
 * Read-only views of the segmentation for browser tests (window.__llr.editor). They expose
 * voxel counts and digests, never patient data.
 */
export function createEditorProbe(editor: SegmentEditor, controller: ViewportController) {
  let volume: Parameters<typeof worldToIndex>[0] | null = null;
  controller.onDisplayed((displayed) => {
    volume = displayed?.volume ?? null;
  });
  const labelmap = () => editor.store.getState().session?.labelmap ?? null;
  return {
    ready: () => editor.store.getState().session !== null,
    /** SHA-256 of the labelmap bytes, hex. */
    async digest(): Promise<string | null> {
      const map = labelmap();
      if (!map) return null;
      const hash = await crypto.subtle.digest('SHA-256', map.data as Uint8Array<ArrayBuffer>);
      return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
    },
    /** Labelled voxels per index along an axis (0 = i, 1 = j, 2 = k), only non-zero entries. */
    countsAlong(axis: 0 | 1 | 2, segment?: number): Record<number, number> {
      const map = labelmap();
      if (!map) return {};
      const [nx, ny] = map.geometry.dimensions;
      const counts: Record<number, number> = {};
      map.data.forEach((value, offset) => {
        if (value === 0 || (segment !== undefined && value !== segment)) return;
        const i = offset % nx;
        const j = Math.floor(offset / nx) % ny;
        const k = Math.floor(offset / (nx * ny));
        const at = axis === 0 ? i : axis === 1 ? j : k;
        counts[at] = (counts[at] ?? 0) + 1;
      });
      return counts;
    },
    /** Lowest and highest image value under a segment (threshold masking checks). */
    intensityRange(segment: number): { min: number; max: number } | null {
      const map = labelmap();
      if (!map || !volume) return null;
      let min = Infinity;
      let max = -Infinity;
      map.data.forEach((value, offset) => {
        if (value !== segment) return;
        const v = volume?.data[offset] ?? 0;
        if (v < min) min = v;
        if (v > max) max = v;
      });
      return min === Infinity ? null : { min, max };
    },
    /** Continuous voxel index under a canvas point of a viewport. */
    canvasToIndex(viewportId: string, x: number, y: number): Vec3 | null {
      const viewport = controller.getViewport(viewportId);
      if (!viewport || !volume) return null;
      return worldToIndex(volume, viewport.canvasToWorld([x, y]) as Vec3);
    },
    worldToCanvas(viewportId: string, world: Vec3): [number, number] | null {
      const viewport = controller.getViewport(viewportId);
      return viewport ? (viewport.worldToCanvas([...world]) as [number, number]) : null;
    },
    jumpToWorld: (world: Vec3) => controller.jumpToWorld(world),
    spacing: (): Vec3 | null => volume?.spacing ?? null,
  };
}
