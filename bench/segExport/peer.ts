/**
 * The peer: @cornerstonejs/adapters 5.14.0's SEG export for Cornerstone3D, driven in Node the way
 * a cornerstone3D 5.14 viewer drives it. The CT's metadata comes from cornerstone's own provider
 * chain (`@cornerstonejs/metadata` default providers fed each Part 10 file with
 * `addDicomPart10Instance`, plus the adapters' referenced-metadata provider that answers
 * StudyData / SeriesData / ImageData); images are cornerstone-like objects whose voxel manager
 * returns the slice's scalar data. Two recipes:
 *  - `example`: the adapters' own example (`generateLabelMaps2DFrom3D` on the labelmap volume,
 *    `generateSegmentation` with the volume's images in imageIds order);
 *  - `sliceOrder`: labelmaps2D built per slice in the images' order, as OHIF builds them from
 *    the labelmap's per-slice images (views, no copies).
 * Both then write Part 10 with dcmjs `datasetToDict(dataset).write()`, as `datasetToBlob` does.
 */
import { metaData } from '@cornerstonejs/core';
import { registerDefaultProviders, utilities as metadataUtilities } from '@cornerstonejs/metadata';
import { adaptersSEG } from '@cornerstonejs/adapters';
import dcmjs from 'dcmjs';
import type { SegmentTypeContribution } from '../../src/plugin-api/index.ts';
import type { SegmentInfo } from '../../src/segmentation/types.ts';
import type { SegBenchData } from './data.ts';

export type PeerRecipe = 'example' | 'sliceOrder';

interface Labelmap2D {
  segmentsOnLabelmap: number[];
  pixelData: Uint8Array;
  rows: number;
  columns: number;
}

interface Labelmap3D {
  labelmaps2D: Labelmap2D[];
  segmentsOnLabelmap: number[];
  metadata: Array<Record<string, unknown> | undefined>;
}

interface PeerImage {
  readonly imageId: string;
  readonly voxelManager: { getScalarData(): Int16Array };
}

/** dcmjs parts the project's minimal typing (src/types/dcmjs.d.ts) leaves out. */
const dcmjsData = dcmjs.data as unknown as {
  datasetToDict(dataset: object): { write(): ArrayBuffer };
  Colors: { rgb2DICOMLAB(rgb: number[]): number[] };
};

export interface PeerContext {
  readonly images: readonly PeerImage[];
  readonly data: SegBenchData;
  readonly segmentTypes: readonly SegmentTypeContribution[];
}

let providersRegistered = false;

/**
 * Loads every CT slice's Part 10 bytes into cornerstone's metadata providers (what the viewer
 * does when it loads the series; not timed) and builds the images in grid order.
 */
export async function preparePeer(
  data: SegBenchData,
  sopInstanceUids: readonly string[],
  segmentTypes: readonly SegmentTypeContribution[],
): Promise<PeerContext> {
  if (!providersRegistered) {
    registerDefaultProviders();
    providersRegistered = true;
  }
  const byUid = new Map(data.series.instances.map((i) => [i.sopInstanceUid, i]));
  const [nx, ny] = data.dimensions;
  const sliceVoxels = nx * ny;
  const images: PeerImage[] = [];
  for (const [k, uid] of sopInstanceUids.entries()) {
    const instance = byUid.get(uid);
    if (!instance) throw new Error(`no instance ${uid}`);
    const imageId = `segbench:${uid}`;
    await metadataUtilities.addDicomPart10Instance(imageId, instance.bytes);
    const scalars = data.voxels.subarray(k * sliceVoxels, (k + 1) * sliceVoxels);
    images.push({ imageId, voxelManager: { getScalarData: () => scalars } });
  }
  return { images, data, segmentTypes };
}

/** The SegmentSequence items a cornerstone3D app hands the adapter (OHIF's shape). */
function segmentMetadata(
  segments: readonly SegmentInfo[],
  types: readonly SegmentTypeContribution[],
): Labelmap3D['metadata'] {
  const out: Labelmap3D['metadata'] = [];
  for (const segment of segments) {
    const type = types.find((t) => t.id === segment.typeId) ?? types[0]!;
    const code = (c: SegmentTypeContribution['type']) => ({
      CodeValue: c.codeValue,
      CodingSchemeDesignator: c.codingSchemeDesignator,
      CodeMeaning: c.codeMeaning,
    });
    out[segment.index] = {
      SegmentNumber: String(segment.index),
      SegmentLabel: segment.label,
      SegmentAlgorithmType: 'MANUAL',
      RecommendedDisplayCIELabValue: dcmjsData.Colors.rgb2DICOMLAB(
        segment.color.map((v) => v / 255),
      ).map((v) => Math.round(v)),
      SegmentedPropertyCategoryCodeSequence: code(type.category),
      SegmentedPropertyTypeCodeSequence: code(type.type),
      ...(segment.trackingId ? { TrackingID: segment.trackingId } : {}),
      ...(segment.trackingUid ? { TrackingUID: segment.trackingUid } : {}),
    };
  }
  return out;
}

/** labelmaps2D in the images' order: slice k of the labelmap goes with images[k]. */
function labelmapsInSliceOrder(labels: Uint8Array, dims: readonly number[]): Labelmap3D {
  const [columns = 0, rows = 0, slices = 0] = dims;
  const labelmaps2D: Labelmap2D[] = [];
  const all = new Set<number>();
  for (let k = 0; k < slices; k++) {
    const pixelData = labels.subarray(k * rows * columns, (k + 1) * rows * columns);
    const present = new Set<number>();
    for (let i = 0; i < pixelData.length; i++) if (pixelData[i] !== 0) present.add(pixelData[i]!);
    if (present.size === 0) continue;
    present.forEach((s) => all.add(s));
    labelmaps2D[k] = { segmentsOnLabelmap: [...present], pixelData, rows, columns };
  }
  return { labelmaps2D, segmentsOnLabelmap: [...all], metadata: [] };
}

/** One Export SEG click on the peer: labelmap → labelmaps2D → SEG dataset → Part 10 bytes. */
export function exportPeer(context: PeerContext, recipe: PeerRecipe): Uint8Array {
  const { data } = context;
  const labelmap3D: Labelmap3D =
    recipe === 'example'
      ? (adaptersSEG.Cornerstone3D.Segmentation.generateLabelMaps2DFrom3D({
          scalarData: data.labels,
          dimensions: [...data.dimensions],
        }) as unknown as Labelmap3D)
      : labelmapsInSliceOrder(data.labels, data.dimensions);
  labelmap3D.metadata = segmentMetadata(data.segments, context.segmentTypes);
  const generated = adaptersSEG.Cornerstone3D.Segmentation.generateSegmentation(
    context.images,
    labelmap3D,
    metaData,
  ) as { dataset: object };
  return new Uint8Array(dcmjsData.datasetToDict(generated.dataset).write());
}
