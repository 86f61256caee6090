import type { ParsedMeasurementReport, SrFinding } from '../../dicom/sr';
import type { OpenedMeasurementReport, ReportedFinding } from '../../plugin-api';

/** DA YYYYMMDD → ISO YYYY-MM-DD; null when not a full date. */
const isoDate = (da: string | null | undefined): string | null =>
  da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : null;

/**
 * A finding read from an SR as plugins receive it (the inverse of toSrFinding); null for what
 * the contract cannot hold (a biliary point given on an image rather than in patient space).
 */
export function toReportedFinding(finding: SrFinding): ReportedFinding | null {
  switch (finding.kind) {
    case 'liver-spleen': {
      const { trackingUid: _uid, liver, spleen, ...rest } = finding;
      return {
        ...rest,
        liver: { meanHu: liver.meanHu, sdHu: liver.sdHu },
        spleen: { meanHu: spleen.meanHu, sdHu: spleen.sdHu },
      };
    }
    case 'biliary-interruption': {
      const { trackingUid: _uid, point, ...rest } = finding;
      if (point.kind !== 'patient') return null;
      return {
        ...rest,
        pointMm: [point.mm[0], point.mm[1], point.mm[2]],
        frameOfReferenceUid: point.frameOfReferenceUid,
      };
    }
    default: {
      const { trackingUid: _uid, ...rest } = finding;
      return rest;
    }
  }
}

/**
 * A parsed report as handed to the plugins' `open`: lesions with their SEG segment (and its
 * label when that SEG is loaded), findings in the plugin contract, and what could not be mapped.
 */
export function openedReportFrom(
  report: ParsedMeasurementReport,
  segmentLabel: (segmentationSopInstanceUid: string, segmentNumber: number) => string | null,
): OpenedMeasurementReport {
  const warnings = [...report.warnings];
  const findings = report.findings.flatMap((f) => {
    const mapped = toReportedFinding(f);
    if (!mapped) warnings.push(`${f.kind}: a point on an image, not in patient space; not opened`);
    return mapped ? [mapped] : [];
  });
  const sources = new Set([
    ...report.sourceSeries.map((s) => s.seriesInstanceUid),
    ...report.lesions.flatMap((l) =>
      l.sourceSeriesInstanceUid ? [l.sourceSeriesInstanceUid] : [],
    ),
  ]);
  return {
    sopInstanceUid: report.sopInstanceUid,
    studyInstanceUid: report.study.studyInstanceUid,
    studyDate: isoDate(report.study.date),
    sourceSeriesInstanceUids: [...sources],
    lesions: report.lesions.map((l) => ({
      trackingId: l.trackingId,
      trackingUid: l.trackingUid,
      segment: l.segment
        ? {
            ...l.segment,
            label: segmentLabel(l.segment.segmentationSopInstanceUid, l.segment.segmentNumber),
          }
        : null,
      volumeMl: l.volumeMl,
      longAxisMm: l.longAxisMm,
      shortAxisMm: l.shortAxisMm,
      meanIntensity: l.meanIntensity,
      intensitySd: l.intensitySd,
      intensityUnit:
        l.intensityKind === 'ct-attenuation'
          ? 'HU'
          : l.intensityKind === 'mr-signal'
            ? 'arbitrary units'
            : null,
      couinaudSegment: l.couinaudSegment ?? null,
    })),
    findings,
    warnings,
  };
}
