import { useEffect, useState } from 'react';
import type { HostApi, LineAnnotation } from '../../../src/plugin-api';
import { circleInSlice, patientToIndex } from '../adapters/patientToIndex';
import { computeRoiStatistics } from '../domain/findings/computeRoiStatistics';
import { inferContrastEnhancement } from '../domain/findings/inferContrastEnhancement';
import {
  measureLiverToSpleen,
  type LiverSpleenMeasurement,
} from '../domain/findings/measureLiverToSpleen';
import { computeAllLesionStatistics } from '../domain/quantify/computeAllLesionStatistics';
import { LIVER_CODE_VALUE, SPLEEN_CODE_VALUE } from '../domain/segmentTypes';
import type { LiverSpleenFinding, RecordedRoi } from '../domain/findings/types';
import type { FindingsState } from './useFindings';

type Organ = 'liver' | 'spleen';

interface Placed extends RecordedRoi {
  readonly centreMm: readonly [number, number, number];
}

const fmt = (v: number | null, digits = 1): string => (v === null ? '—' : v.toFixed(digits));

/**
 * The L/S ratio tool: circular ROIs placed on the displayed CT (one or more in the liver,
 * avoiding vessels and lesions, and one in the spleen), pooled by voxel count.
 */
export function LiverSpleenSection({
  host,
  state,
}: {
  readonly host: HostApi;
  readonly state: FindingsState;
}) {
  const [radiusMm, setRadiusMm] = useState(10);
  const [error, setError] = useState<string | null>(null);
  const [fromSegments, setFromSegments] = useState<LiverSpleenMeasurement | null>(null);
  const date = state.displayedDate;
  const series = state.displayed?.series ?? null;
  const id = date ? `liver-spleen-${date}` : null;
  const finding = state.record.findings.find(
    (f): f is LiverSpleenFinding => f.kind === 'liver-spleen' && f.id === id,
  );
  const contrast = series
    ? inferContrastEnhancement({
        contrastBolusAgent: series.contrastAgent,
        seriesDescription: series.description,
      })
    : null;

  // Computed automatically when the displayed series has Liver and Spleen segments.
  useEffect(() => {
    setFromSegments(null);
    if (!series || series.modality !== 'CT') return;
    let live = true;
    void host
      .readSegmentation(series.id)
      .then((data) => {
        if (!live || !data) return;
        const liver = data.segments.find((s) => s.type?.codeValue === LIVER_CODE_VALUE);
        const spleen = data.segments.find((s) => s.type?.codeValue === SPLEEN_CODE_VALUE);
        if (!liver?.voxelCount || !spleen?.voxelCount) return;
        const stats = computeAllLesionStatistics({
          labels: data.labels,
          image: data.image,
          grid: data.grid,
          segments: [liver.index, spleen.index],
        });
        const asRoi = (index: number) => {
          const s = stats.get(index)!;
          return {
            voxelCount: s.voxelCount,
            mean: s.mean,
            sd: s.sd,
            min: s.min,
            max: s.max,
            areaMm2: null,
          };
        };
        setFromSegments(
          measureLiverToSpleen({
            liverRois: [asRoi(liver.index)],
            spleenRois: [asRoi(spleen.index)],
            contrastEnhanced: contrast?.enhanced ?? null,
          }),
        );
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [host, series, contrast?.enhanced]);

  // The ROIs of the displayed series, drawn as circles on their slice.
  useEffect(() => {
    if (!finding || !series) {
      host.showLines([], 'roi');
      return;
    }
    void host.readVolume(series.id).then((volume) => {
      if (!volume) return;
      const lines: LineAnnotation[] = [];
      for (const [organ, rois] of [
        ['liver', finding.liverRois],
        ['spleen', finding.spleenRois],
      ] as const) {
        rois.forEach((roi, n) => {
          const placed = roi as Placed;
          if (!placed.centreMm || roi.imageReference.seriesInstanceUid !== series.seriesInstanceUid)
            return;
          const ring = circleInSlice(volume.grid, placed.centreMm, roi.roi?.radiiMm[0] ?? radiusMm);
          ring.slice(1).forEach((to, i) =>
            lines.push({
              seriesId: series.id,
              fromMm: ring[i]!,
              toMm: to,
              label: i === 0 ? `${organ} ${n + 1}: ${fmt(roi.statistics.mean)} HU` : '',
            }),
          );
        });
      }
      host.showLines(lines, 'roi');
    });
  }, [host, finding, series, radiusMm]);

  if (!series || !date)
    return <p className="muted">Open a CT series to place liver and spleen ROIs.</p>;
  if (series.modality !== 'CT') return <p className="muted">The L/S ratio is measured on CT.</p>;

  const place = async (organ: Organ): Promise<void> => {
    setError(null);
    const picked = await host.pickPoint(`Click the centre of the ${organ} ROI`);
    if (!picked) return;
    const volume = await host.readVolume(picked.seriesId);
    if (!volume) return setError('This series is not a regular volume.');
    const [i, j, k] = patientToIndex(volume.grid, picked.pointMm);
    try {
      const sliceIndex = Math.round(k);
      const statistics = computeRoiStatistics(volume.image, volume.grid, {
        sliceIndex,
        centreIndex: [i, j],
        radiiMm: [radiusMm, radiusMm],
      });
      const roi: Placed = {
        statistics,
        imageReference: {
          seriesInstanceUid: series.seriesInstanceUid,
          studyInstanceUid: series.studyInstanceUid,
        },
        roi: { sliceIndex, centreIndex: [i, j], radiiMm: [radiusMm, radiusMm] },
        centreMm: picked.pointMm,
      };
      const base: LiverSpleenFinding = finding ?? {
        id: id!,
        kind: 'liver-spleen',
        date,
        imageReferences: [{ seriesInstanceUid: series.seriesInstanceUid }],
        liverRois: [],
        spleenRois: [],
        contrastEnhanced: contrast?.enhanced ?? null,
      };
      state.putFinding({
        ...base,
        ...(organ === 'liver'
          ? { liverRois: [...base.liverRois, roi] }
          : { spleenRois: [...base.spleenRois, roi] }),
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const remove = (organ: Organ, index: number): void => {
    if (!finding) return;
    const key = organ === 'liver' ? 'liverRois' : 'spleenRois';
    state.putFinding({ ...finding, [key]: finding[key].filter((_, n) => n !== index) });
  };

  const measured = finding
    ? measureLiverToSpleen({
        liverRois: finding.liverRois.map((r) => r.statistics),
        spleenRois: finding.spleenRois.map((r) => r.statistics),
        contrastEnhanced: finding.contrastEnhanced,
      })
    : null;

  return (
    <div>
      <div className="review-controls" role="group" aria-label="Place ROIs">
        <label>
          ROI radius (mm){' '}
          <input
            type="number"
            min={2}
            max={40}
            value={radiusMm}
            onChange={(e) => setRadiusMm(Math.max(2, Number(e.currentTarget.value) || 10))}
          />
        </label>
        <button type="button" onClick={() => void place('liver')}>
          Add liver ROI
        </button>
        <button type="button" onClick={() => void place('spleen')}>
          Add spleen ROI
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {contrast?.enhanced && (
        <p className="warning" role="note">
          Contrast-enhanced series ({contrast.reason}): the L/S thresholds hold for unenhanced CT
          only; values are shown, flags are not applicable.
        </p>
      )}
      {finding && (
        <table className="review-table" aria-label={`ROIs on ${date}`}>
          <thead>
            <tr>
              <th scope="col">ROI</th>
              <th scope="col">Mean ± SD</th>
              <th scope="col">Area</th>
              <th scope="col">Voxels</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(['liver', 'spleen'] as const).flatMap((organ) =>
              finding[organ === 'liver' ? 'liverRois' : 'spleenRois'].map((roi, n) => (
                <tr key={`${organ}-${n}`} data-testid={`roi-${organ}-${n + 1}`}>
                  <th scope="row">
                    {organ} {n + 1}
                  </th>
                  <td>
                    {fmt(roi.statistics.mean)} ± {fmt(roi.statistics.sd)} HU
                  </td>
                  <td>{fmt(roi.statistics.areaMm2, 0)} mm²</td>
                  <td>{roi.statistics.voxelCount}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove ${organ} ROI ${n + 1}`}
                      onClick={() => remove(organ, n)}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {fromSegments && fromSegments.ratio !== null && (
        <p data-testid="ls-from-segments">
          From the Liver and Spleen segments: L/S {fromSegments.ratio.toFixed(3)}, L − S{' '}
          {fmt(fromSegments.differenceHu)} HU (liver {fmt(fromSegments.liver.mean)} HU over{' '}
          {fromSegments.liver.voxelCount} voxels, spleen {fmt(fromSegments.spleen.mean)} HU over{' '}
          {fromSegments.spleen.voxelCount}).
        </p>
      )}
      {measured && measured.ratio !== null && (
        <div data-testid="ls-result">
          <p>
            L/S ratio <strong data-testid="ls-ratio">{measured.ratio.toFixed(3)}</strong> · L − S{' '}
            <strong>{fmt(measured.differenceHu)} HU</strong>
          </p>
          <ul className="reasons">
            {measured.flags.map((flag) => (
              <li key={flag.id}>
                {flag.label}: {flag.value === null ? '—' : flag.value.toFixed(flag.unit ? 1 : 3)}
                {flag.unit ? ` ${flag.unit}` : ''} ({flag.threshold}) — {flag.status}:{' '}
                {flag.meaning} <span className="muted">[{flag.source}]</span>
              </li>
            ))}
            {measured.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
