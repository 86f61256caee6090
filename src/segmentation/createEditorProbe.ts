import type { Vec3 } from '../viewport/displayVolume';
import type { ViewportController } from '../viewport/createViewportController';
import { worldToIndex } from '../viewport/volumeIndex';
import type { SegmentEditor } from './createSegmentEditor';
import { brushRegion } from './engine';

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
    /** The patient point (mm) at the centre of a viewport's displayed plane. */
    focalPoint(viewportId: string): Vec3 | null {
      const focal = controller.getViewport(viewportId)?.getCamera().focalPoint;
      return focal ? [focal[0], focal[1], focal[2]] : null;
    },
    spacing: (): Vec3 | null => volume?.spacing ?? null,
    /**
     * Benchmark hook: times the CPU part of paint strokes (region + labelmap update +
     * bookkeeping, no rendering) at seeded pseudo-random points inside the volume, then undoes
     * them so the labelmap is left as it was. Returns one duration (ms) per stroke sample.
     */
    benchStrokeCpu(options: { radiusMm: number; sphere: boolean; samples: number }): number[] {
      const state = editor.store.getState();
      const current = state.session;
      if (!current || current.getState().activeIndex === null) return [];
      const [nx, ny, nz] = current.labelmap.geometry.dimensions;
      const settings = { ...state.settings, radiusMm: options.radiusMm, sphere: options.sphere };
      let seed = 12345;
      const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const times: number[] = [];
      for (let n = 0; n < options.samples; n++) {
        const centre: [number, number, number] = [random() * nx, random() * ny, random() * nz];
        const start = performance.now();
        const stroke = current.beginStroke('paint', settings, volume?.data ?? new Int16Array(0));
        stroke?.add(
          brushRegion({
            center: centre,
            radiusMm: options.radiusMm,
            shape: options.sphere ? 'sphere' : 'circle',
            plane: 'k',
            geometry: current.labelmap.geometry,
          }),
        );
        stroke?.end();
        times.push(performance.now() - start);
      }
      for (let n = 0; n < options.samples; n++) current.undo();
      return times;
    },
  };
}
