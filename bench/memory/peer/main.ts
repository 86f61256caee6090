/**
 * Peer page for bench/memory.bench.ts: what a plain cornerstone3D 5.14 viewer does with the same
 * three CT dates — only public APIs: dicom-image-loader's wadouri loader (every file's metadata
 * prefetched with `prefetchPart10Instance` first), the default streaming volume loader, one ORTHOGRAPHIC
 * viewport per date, a derived labelmap per date shown in it, and a sphere written into each
 * labelmap through its voxel manager. `window.__peer.openDate(i)` opens date i.
 */
import {
  Enums,
  RenderingEngine,
  getShouldUseCPURendering,
  init as initCore,
  setVolumesForViewports,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import { init as initLoader, prefetchPart10Instance } from '@cornerstonejs/dicom-image-loader';
import { Enums as ToolEnums, init as initTools, segmentation } from '@cornerstonejs/tools';

const status = document.getElementById('status') as HTMLParagraphElement;
const views = document.getElementById('views') as HTMLDivElement;
let engine: RenderingEngine | null = null;
let failure: string | null = null;
const opened: number[] = [];

async function openDate(index: number, files: readonly string[]): Promise<void> {
  if (!engine) throw new Error('not initialised');
  const base = `${window.location.origin}/peer-dicom/${index}/`;
  const imageIds = files.map((file) => `wadouri:${base}${file}`);
  // Every slice's Part 10 metadata before the volume is created (platform notes).
  await Promise.all(
    imageIds.map((id) =>
      prefetchPart10Instance(id, () =>
        fetch(id.slice('wadouri:'.length)).then((r) => r.arrayBuffer()),
      ),
    ),
  );
  const volumeId = `cornerstoneStreamingImageVolume:ct${index}`;
  const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
  await new Promise<void>((resolve) => volume.load(() => resolve()));
  const element = document.createElement('div');
  views.append(element);
  const viewportId = `view${index}`;
  engine.enableElement({
    viewportId,
    type: Enums.ViewportType.ORTHOGRAPHIC,
    element,
    defaultOptions: { orientation: Enums.OrientationAxis.AXIAL, background: [0, 0, 0] },
  });
  await setVolumesForViewports(engine, [{ volumeId }], [viewportId]);
  const segmentationId = `seg${index}`;
  const labelmap = volumeLoader.createAndCacheDerivedLabelmapVolume(volumeId, {
    volumeId: segmentationId,
  });
  segmentation.addSegmentations([
    {
      segmentationId,
      representation: {
        type: ToolEnums.SegmentationRepresentations.Labelmap,
        data: { volumeId: segmentationId },
      },
    },
  ]);
  await segmentation.addLabelmapRepresentationToViewport(viewportId, [{ segmentationId }]);
  // "Painting": a 10-voxel sphere of segment 1 in the middle, as a brush stroke would write.
  const [nx, ny, nz] = labelmap.dimensions;
  const vm = labelmap.voxelManager as unknown as {
    setAtIJK(i: number, j: number, k: number, v: number): void;
  };
  const c = [nx / 2, ny / 2, nz / 2];
  for (let k = -10; k <= 10; k++)
    for (let j = -10; j <= 10; j++)
      for (let i = -10; i <= 10; i++)
        if (i * i + j * j + k * k <= 100)
          vm.setAtIJK((c[0] ?? 0) + i, (c[1] ?? 0) + j, (c[2] ?? 0) + k, 1);
  segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(segmentationId);
  engine.render();
  opened.push(index);
  status.textContent = `opened ${opened.length}`;
}

async function main(): Promise<void> {
  initCore();
  initLoader({ maxWebWorkers: 1 });
  initTools();
  engine = new RenderingEngine('peer-memory');
  status.textContent = 'ready';
}

const ready = main().catch((error: unknown) => {
  failure = error instanceof Error ? error.message : String(error);
  status.textContent = `failed: ${failure}`;
});

Object.assign(window, {
  __peer: {
    ready: () => ready.then(() => failure === null),
    failure: () => failure,
    cpuFallback: () => getShouldUseCPURendering(),
    openDate: (index: number, files: string[]) =>
      openDate(index, files).then(
        () => true,
        (error: unknown) => {
          failure = error instanceof Error ? `${error.message}` : String(error);
          return false;
        },
      ),
    opened: () => [...opened],
  },
});

export type PeerViewport = Types.IVolumeViewport;
