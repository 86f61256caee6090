import { computeVolumeGeometry } from './computeVolumeGeometry.ts';
import { orientationsMatch } from './geometryMath.ts';
import { groupFramesByGeometry } from './groupFramesByGeometry.ts';
import { sortFrames } from './sortFrames.ts';
import { splitDuplicatePositions } from './splitDuplicatePositions.ts';
import type {
  FrameRef,
  IngestWarning,
  IngestWarningCode,
  InstanceKind,
  ParsedInstance,
  Series,
  SeriesKind,
} from './types.ts';

const NON_IMAGE_SERIES_KIND: Record<Exclude<InstanceKind, 'image'>, SeriesKind> = {
  seg: 'seg',
  sr: 'sr',
  rtstruct: 'other',
  pr: 'other',
  other: 'other',
};

interface Builder {
  series: Series[];
  warnings: IngestWarning[];
}

function framesOf(instance: ParsedInstance): FrameRef[] {
  return instance.frames.map((attributes, frameIndex) => ({
    instance,
    frameIndex,
    attributes,
    positionMm: null,
  }));
}

function uniqueInstances(frames: readonly FrameRef[]): ParsedInstance[] {
  return [...new Set(frames.map((frame) => frame.instance))];
}

function makeSeries(
  id: string,
  kind: SeriesKind,
  instances: ParsedInstance[],
  frames: FrameRef[],
  descriptionSuffix = '',
): Series {
  const first = instances[0];
  if (!first) throw new Error('makeSeries: no instances'); // unreachable: callers pass at least one
  return {
    id,
    seriesInstanceUid: first.series.seriesInstanceUid,
    modality: first.series.modality,
    number: first.series.number,
    description: first.series.description + descriptionSuffix,
    frameOfReferenceUid: first.frameOfReferenceUid,
    kind,
    instances,
    frames,
    geometry: null,
    warnings: [],
  };
}

function warn(builder: Builder, series: Series, code: IngestWarningCode, message: string): void {
  series.warnings.push(message);
  builder.warnings.push({ code, message, seriesId: series.id });
}

/** A volume (or a single image) from frames at distinct positions sharing one grid. */
function finishPositioned(builder: Builder, frames: FrameRef[], id: string, suffix: string): void {
  const computed = computeVolumeGeometry(frames);
  const kind: SeriesKind = frames.length === 1 ? 'single' : computed ? 'volume' : 'stack';
  const series = makeSeries(id, kind, uniqueInstances(frames), frames, suffix);
  builder.series.push(series);
  if (!computed) return;
  series.geometry = computed.geometry;
  for (const warning of computed.warnings) warn(builder, series, warning.code, warning.message);
}

/** Frames of one geometry cluster: sorted, split by echo/phase when needed, then typed. */
function buildImageSeries(builder: Builder, cluster: FrameRef[], id: string): void {
  const first = cluster[0];
  if (!first) return;
  const orientation = first.attributes.imageOrientationPatient;
  const positioned = cluster.every(
    (f) =>
      f.attributes.imagePositionPatient &&
      f.attributes.imageOrientationPatient &&
      f.attributes.pixelSpacing,
  );
  const sorted = sortFrames(cluster, positioned ? orientation : null);
  if (!positioned || first.instance.samplesPerPixel !== 1) {
    const kind: SeriesKind = sorted.length === 1 ? 'single' : 'stack';
    const series = makeSeries(id, kind, uniqueInstances(sorted), sorted);
    builder.series.push(series);
    if (!positioned && sorted.length > 1) {
      warn(
        builder,
        series,
        'MISSING_GEOMETRY',
        'frames lack position, orientation or pixel spacing: ordered by InstanceNumber, not a volume',
      );
    }
    if (kind === 'single' && positioned)
      series.geometry = computeVolumeGeometry(sorted)?.geometry ?? null;
    return;
  }
  const outcome = splitDuplicatePositions(sorted);
  if (outcome.kind === 'distinct') {
    finishPositioned(builder, sorted, id, '');
    return;
  }
  if (outcome.kind === 'stack') {
    const series = makeSeries(id, 'stack', uniqueInstances(sorted), sorted);
    builder.series.push(series);
    warn(builder, series, 'DUPLICATE_POSITION', outcome.message);
    return;
  }
  for (const group of outcome.groups) {
    const before = builder.series.length;
    finishPositioned(builder, group.frames, `${id}:${group.label}`, ` (${group.label})`);
    const series = builder.series[before];
    if (series) {
      warn(
        builder,
        series,
        'SPLIT_BY_ATTRIBUTE',
        `several frames per position: split by ${outcome.attribute} into ${outcome.groups.length} series`,
      );
    }
  }
}

function buildLocalizerSeries(builder: Builder, frames: FrameRef[], id: string): Series {
  // A lone localizer keeps a one-slice geometry so it can be shown; several (often in
  // different planes) have none.
  const orientation =
    frames.length === 1 ? (frames[0]?.attributes.imageOrientationPatient ?? null) : null;
  const sorted = sortFrames(frames, orientation);
  const series = makeSeries(id, 'localizer', uniqueInstances(sorted), sorted);
  if (sorted.length === 1) series.geometry = computeVolumeGeometry(sorted)?.geometry ?? null;
  builder.series.push(series);
  return series;
}

/**
 * Turns the instances of one SeriesInstanceUID into one or more Series: non-image objects,
 * localizers and differently shaped frames are separated from the images, and frames at
 * repeated positions are split (echoes, phases) or kept as a stack.
 */
export function buildSeries(instances: readonly ParsedInstance[]): {
  series: Series[];
  warnings: IngestWarning[];
} {
  const builder: Builder = { series: [], warnings: [] };
  const uid = instances[0]?.series.seriesInstanceUid ?? '';
  const images = instances.filter((instance) => instance.kind === 'image');

  const byKind = new Map<Exclude<InstanceKind, 'image'>, ParsedInstance[]>();
  for (const instance of instances) {
    if (instance.kind === 'image') continue;
    const list = byKind.get(instance.kind) ?? [];
    list.push(instance);
    byKind.set(instance.kind, list);
  }
  for (const [kind, list] of byKind) {
    const id = images.length > 0 || byKind.size > 1 ? `${uid}:${kind}` : uid;
    const series = makeSeries(id, NON_IMAGE_SERIES_KIND[kind], list, []);
    builder.series.push(series);
    if (images.length > 0) {
      warn(
        builder,
        series,
        'NON_IMAGE_SEPARATED',
        `${list.length} ${kind} object(s) shared the series UID of images; kept apart`,
      );
    }
  }
  if (images.length === 0) return builder;

  const localizerFrames: FrameRef[] = [];
  const regularFrames: FrameRef[] = [];
  for (const instance of images)
    (instance.isLocalizer ? localizerFrames : regularFrames).push(...framesOf(instance));

  const clusters = groupFramesByGeometry(regularFrames);
  const main = clusters[0];
  const mainOrientation = main?.[0]?.attributes.imageOrientationPatient ?? null;
  const parts: FrameRef[][] = main ? [main] : [];
  for (const cluster of clusters.slice(1)) {
    const only = cluster[0];
    const orientation = only?.attributes.imageOrientationPatient ?? null;
    // One stray image in another plane is a scout/localizer saved into the axial series.
    if (
      cluster.length === 1 &&
      only &&
      only.instance.numberOfFrames === 1 &&
      orientation &&
      mainOrientation &&
      !orientationsMatch(orientation, mainOrientation)
    ) {
      const instance: ParsedInstance = { ...only.instance, isLocalizer: true };
      localizerFrames.push({ ...only, instance });
    } else {
      parts.push(cluster);
    }
  }
  const firstImageSeries = builder.series.length;
  parts.forEach((part, index) =>
    buildImageSeries(builder, part, index === 0 ? uid : `${uid}:part${index + 1}`),
  );
  if (parts.length > 1) {
    const first = builder.series[firstImageSeries];
    if (first) {
      warn(
        builder,
        first,
        'MIXED_GEOMETRY',
        `frames with ${parts.length} different sizes/orientations/spacings shared this series UID; split into ${parts.length} series`,
      );
    }
  }
  if (localizerFrames.length > 0) {
    const localizer = buildLocalizerSeries(
      builder,
      localizerFrames,
      parts.length > 0 ? `${uid}:localizer` : uid,
    );
    if (parts.length > 0) {
      warn(
        builder,
        localizer,
        'LOCALIZER_SEPARATED',
        `${localizerFrames.length} localizer image(s) shared the series UID of the images; kept apart`,
      );
    }
  }
  return builder;
}
