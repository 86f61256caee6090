import { dot, sliceNormal } from './geometryMath.ts';
import type { IngestWarning, Series } from './types.ts';

/**
 * A series holding one single-frame image in the frame of reference of a volume of the same
 * study, but in a plane none of those volumes uses, is a scout/topogram saved on its own:
 * re-labels it 'localizer' so the viewer never offers it as a reading series.
 */
export function markStandaloneLocalizers(seriesList: Series[]): IngestWarning[] {
  const warnings: IngestWarning[] = [];
  const volumes = seriesList.filter((series) => series.kind === 'volume' && series.geometry);
  for (const series of seriesList) {
    const frame = series.frames[0];
    if (series.kind !== 'single' || series.frames.length !== 1 || !frame) continue;
    if (frame.instance.numberOfFrames !== 1 || frame.instance.isLocalizer) continue;
    const orientation = frame.attributes.imageOrientationPatient;
    if (!orientation || !series.frameOfReferenceUid) continue;
    const normal = sliceNormal(orientation);
    const sameFrame = volumes.filter(
      (volume) => volume.frameOfReferenceUid === series.frameOfReferenceUid,
    );
    if (sameFrame.length === 0) continue;
    const parallelToAny = sameFrame.some((volume) => {
      const d = volume.geometry?.direction;
      if (!d) return false;
      return Math.abs(dot(normal, [d[6], d[7], d[8]])) > 0.999;
    });
    if (parallelToAny) continue;
    const instance = { ...frame.instance, isLocalizer: true };
    series.instances = [instance];
    series.frames = [{ ...frame, instance }];
    series.kind = 'localizer';
    const message =
      'single image in another plane than the volumes of its frame of reference: treated as a localizer';
    series.warnings.push(message);
    warnings.push({ code: 'LOCALIZER_SEPARATED', message, seriesId: series.id });
  }
  return warnings;
}
