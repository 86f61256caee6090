/**
 * Page of bench/stats.bench.ts: the five-lesion phantom, measured by our
 * computeAllLesionStatistics / tracker and by cornerstone3D 5.14's own segmentation statistics
 * (`utilities.segmentation.getStatistics`, and `getSegmentLargestBidirectional` for the
 * diameters) on the same voxels. Only public cornerstone APIs build the scene: one cached local
 * image per slice over views of the phantom's Int16 buffer → volume → derived labelmap volume
 * filled with the phantom's labels → addSegmentations. No viewport: neither utility needs one.
 */
import {
  imageLoader,
  init as initCore,
  metaData,
  volumeLoader,
  cache,
  type Types,
} from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  init as initTools,
  segmentation,
  utilities as toolUtilities,
} from '@cornerstonejs/tools';
import { computeAllLesionStatistics } from '../../../plugins/liver-lesion-review/domain/quantify/computeAllLesionStatistics.ts';
import type { PeerCall, SegmentAgreement, StatsPageApi } from '../pageApi.ts';
import { buildPhantom } from '../phantom.ts';
import { sampleIncrementalUpdates } from '../workloads.ts';

const VOLUME_ID = 'statsCtVolume';
const SEGMENTATION_ID = 'statsSeg';
const IMAGE_PREFIX = 'statsct:';
const SEGMENTS = [1, 2, 3, 4, 5];
const FRAME_OF_REFERENCE = '1.2.826.0.1.3680043.8.498.1';

const status = document.getElementById('status') as HTMLParagraphElement;
let ready = false;
let failure: string | null = null;

/** A peer statistic's value as a number (NamedStatistics entries hold { value }). */
function valueOf(stat: unknown): number | null {
  const value = (stat as { value?: unknown } | undefined)?.value;
  return typeof value === 'number' ? value : null;
}

async function main(): Promise<void> {
  initCore();
  initTools();
  let started = performance.now();
  const phantom = buildPhantom();
  const phantomMs = performance.now() - started;
  started = performance.now();

  const [columns, rows, slices] = phantom.grid.dimensions;
  const [sx, sy, sz] = phantom.grid.spacingMm;
  const origin = phantom.grid.originMm;
  const direction = [...phantom.grid.direction];
  const positionOf = (k: number): Types.Point3 => [origin[0], origin[1], origin[2] + k * sz];
  metaData.addProvider((type: string, imageId: string): unknown => {
    if (typeof imageId !== 'string' || !imageId.startsWith(IMAGE_PREFIX)) return undefined;
    const k = Number(imageId.slice(IMAGE_PREFIX.length));
    switch (type) {
      case 'imagePlaneModule':
        return {
          frameOfReferenceUID: FRAME_OF_REFERENCE,
          rows,
          columns,
          imageOrientationPatient: direction.slice(0, 6),
          rowCosines: direction.slice(0, 3),
          columnCosines: direction.slice(3, 6),
          imagePositionPatient: positionOf(k),
          pixelSpacing: [sy, sx],
          rowPixelSpacing: sy,
          columnPixelSpacing: sx,
          sliceThickness: sz,
          usingDefaultValues: false,
        };
      case 'imagePixelModule':
        return {
          samplesPerPixel: 1,
          photometricInterpretation: 'MONOCHROME2',
          rows,
          columns,
          bitsAllocated: 16,
          bitsStored: 16,
          highBit: 15,
          pixelRepresentation: 1,
        };
      case 'generalSeriesModule':
        return { modality: 'CT', seriesInstanceUID: '1.2.3.4', studyInstanceUID: '1.2.3' };
      case 'modalityLutModule':
        return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: 'HU' };
      case 'generalImageModule':
        return { instanceNumber: k + 1 };
      default:
        return undefined;
    }
  }, 10_000);

  const sliceLength = columns * rows;
  const imageIds: string[] = [];
  for (let k = 0; k < slices; k++) {
    const imageId = `${IMAGE_PREFIX}${k}`;
    imageIds.push(imageId);
    imageLoader.createAndCacheLocalImage(imageId, {
      scalarData: phantom.image.subarray(k * sliceLength, (k + 1) * sliceLength),
      dimensions: [columns, rows],
      spacing: [sx, sy],
      origin: positionOf(k),
      direction: direction as Types.Mat3,
      frameOfReferenceUID: FRAME_OF_REFERENCE,
      targetBuffer: { type: 'Int16Array' },
    });
  }
  const volume = volumeLoader.createAndCacheVolumeFromImagesSync(VOLUME_ID, imageIds);
  volume.invalidate();
  volumeLoader.createAndCacheDerivedLabelmapVolume(VOLUME_ID, { volumeId: SEGMENTATION_ID });
  const labelmap = cache.getVolume(SEGMENTATION_ID);
  const setLabels = labelmap?.voxelManager?.setCompleteScalarDataArray;
  if (!setLabels) throw new Error('no labelmap volume to fill');
  setLabels(phantom.labels);
  segmentation.addSegmentations([
    {
      segmentationId: SEGMENTATION_ID,
      representation: {
        type: ToolEnums.SegmentationRepresentations.Labelmap,
        data: { volumeId: SEGMENTATION_ID },
      },
    },
  ]);
  const cornerstoneMs = performance.now() - started;

  const copyTarget = new Uint8Array(phantom.labels.length).fill(1);
  const timed = (work: () => unknown): number => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const callPeer = async (work: () => Promise<unknown>): Promise<PeerCall> => {
    const start = performance.now();
    try {
      const result = await work();
      return { ms: performance.now() - start, ok: result !== undefined && result !== null };
    } catch (error) {
      return { ms: performance.now() - start, ok: false, error: String(error) };
    }
  };
  const getStatistics = () =>
    toolUtilities.segmentation.getStatistics({
      segmentationId: SEGMENTATION_ID,
      segmentIndices: SEGMENTS,
      mode: 'individual',
    });
  const getBidirectional = () =>
    toolUtilities.segmentation.getSegmentLargestBidirectional({
      segmentationId: SEGMENTATION_ID,
      segmentIndices: SEGMENTS,
      mode: 'individual',
    });

  const api: StatsPageApi = {
    ready: () => ready,
    failure: () => failure,
    setupMs: () => ({ phantom: phantomMs, cornerstone: cornerstoneMs }),
    copyNew: () => timed(() => new Uint8Array(phantom.labels)),
    copySet: () => timed(() => copyTarget.set(phantom.labels)),
    ours: () => timed(() => computeAllLesionStatistics(phantom)),
    oursIncremental: (segment, samples) =>
      sampleIncrementalUpdates({ phantom, segment, samples, warmup: 20, seed: segment }),
    peerStatistics: () => callPeer(getStatistics),
    peerBidirectional: () => callPeer(getBidirectional),
    peerCopies: () =>
      timed(() => [
        labelmap.voxelManager?.getCompleteScalarDataArray?.(),
        volume.voxelManager?.getCompleteScalarDataArray?.(),
      ]),
    async agreement(): Promise<SegmentAgreement[]> {
      const ours = computeAllLesionStatistics(phantom);
      const stats = ((await getStatistics()) ?? {}) as Record<number, Record<string, unknown>>;
      const axes = ((await getBidirectional()) ?? []) as Array<{
        segmentIndex: number;
        maxMajor: number;
        maxMinor: number;
      }>;
      return SEGMENTS.map((segment) => {
        const o = ours.get(segment)!;
        const p = stats[segment] ?? {};
        const axis = axes.find((a) => a.segmentIndex === segment);
        const center = (p['center'] as { value?: unknown } | undefined)?.value;
        return {
          segment,
          ours: {
            voxelCount: o.voxelCount,
            volumeMm3: o.volumeMl * 1000,
            mean: o.mean ?? NaN,
            sd: o.sd ?? NaN,
            min: o.min ?? NaN,
            max: o.max ?? NaN,
            centroidMm: [...(o.centroidMm ?? [])],
            longestAxialMm: o.longestAxial?.lengthMm ?? NaN,
            shortAxisMm: o.shortAxis?.lengthMm ?? NaN,
            maximum3dDiameterMm: o.maximum3dDiameterMm ?? NaN,
          },
          peer: {
            count: valueOf(p['count']),
            volumeMm3: valueOf(p['volume']),
            mean: valueOf(p['mean']),
            stdDev: valueOf(p['stdDev']),
            min: valueOf(p['min']),
            max: valueOf(p['max']),
            center: Array.isArray(center) ? center.map(Number) : null,
            median: valueOf(p['median']),
            majorAxisMm: axis?.maxMajor ?? null,
            minorAxisMm: axis?.maxMinor ?? null,
          },
        };
      });
    },
  };
  Object.assign(window, { __stats: api });
  ready = true;
  status.textContent = 'ready';
}

main().catch((error: unknown) => {
  failure = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  status.textContent = `failed: ${failure}`;
  console.error(failure);
});
