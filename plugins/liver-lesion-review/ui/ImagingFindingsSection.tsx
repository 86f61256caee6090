import { useEffect, useState } from 'react';
import type { HostApi, LineAnnotation } from '../../../src/plugin-api';

type Vec3 = readonly [number, number, number];
import {
  COUINAUD_ORDER,
  DIFFUSE_PATTERN_WARNING,
  type BiliaryInterruptionFinding,
  type BiliaryLevel,
  type Finding,
  type LiverPattern,
  type PresenceFinding,
} from '../domain/findings/types';
import { computePatternSupport } from '../domain/findings/computePatternSupport';
import type { CouinaudSegment, PatternSupport } from '../domain/findings/types';
import { loadPreferences } from './reviewPreferences';
import type { FindingsState } from './useFindings';

const LEVELS: ReadonlyArray<{ value: string; label: string; level: BiliaryLevel }> = [
  ...(['I', 'II', 'IIIa', 'IIIb', 'IV'] as const).map((type) => ({
    value: `bc-${type}`,
    label: `Bismuth–Corlette ${type}`,
    level: { scheme: 'bismuth-corlette' as const, type },
  })),
  ...COUINAUD_ORDER.map((segment) => ({
    value: `seg-${segment}`,
    label: `Intrahepatic, segment ${segment}`,
    level: { scheme: 'intrahepatic-segment' as const, segment },
  })),
];

const levelValue = (level: BiliaryLevel): string =>
  level.scheme === 'bismuth-corlette' ? `bc-${level.type}` : `seg-${level.segment}`;

function TriState({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: boolean | null;
  readonly onChange: (value: boolean | null) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select
        value={value === null ? '' : value ? 'yes' : 'no'}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')}
      >
        <option value="">not assessed</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    </label>
  );
}

/** Pattern, biliary interruption (marked on the MRCP) and the other findings of the seeds. */
export function ImagingFindingsSection({
  host,
  state,
}: {
  readonly host: HostApi;
  readonly state: FindingsState;
}) {
  const date = state.displayedDate;
  const series = state.displayed?.series ?? null;
  const [error, setError] = useState<string | null>(null);
  const find = <K extends Finding['kind']>(kind: K) =>
    state.record.findings.find((f) => f.kind === kind && f.date === date) as
      Extract<Finding, { kind: K }> | undefined;
  const pattern = find('pattern');
  // Figures behind the pattern when this date has segmented lesions (lesion review).
  const inputs = state.patternInputs.find((p) => p.date === date);
  const couinaud = state.patient ? loadPreferences(state.patient.patientId).couinaud : {};
  const support: PatternSupport | null = inputs
    ? computePatternSupport({
        lesions: inputs.lesions.map((l) => ({
          volumeMl: l.volumeMl,
          segment: (couinaud[l.lesionId] as CouinaudSegment | undefined) ?? null,
        })),
        liverVolumeMl: inputs.liverVolumeMl,
        // The editor's default "overwrite other segments" takes lesions out of the liver.
        liverVolumeIncludesLesions: false,
      })
    : null;
  const biliary = find('biliary-interruption');

  // The interruption point, drawn as a small cross in the plane it was marked on.
  useEffect(() => {
    if (
      !biliary ||
      !series ||
      biliary.imageReference.seriesInstanceUid !== series.seriesInstanceUid
    )
      return void host.showLines([], 'biliary');
    const [x, y, z] = biliary.pointMm;
    const a = 4;
    const line = (from: Vec3, to: Vec3, label = ''): LineAnnotation => ({
      seriesId: series.id,
      fromMm: from,
      toMm: to,
      label,
    });
    // Crosses in the coronal and axial planes through the point: MRCP is often coronal.
    host.showLines(
      [
        line([x - a, y, z - a], [x + a, y, z + a], 'biliary interruption'),
        line([x - a, y, z + a], [x + a, y, z - a]),
        line([x - a, y - a, z], [x + a, y + a, z], 'biliary interruption'),
        line([x - a, y + a, z], [x + a, y - a, z]),
      ],
      'biliary',
    );
  }, [host, biliary, series]);

  if (!date || !series)
    return <p className="muted">Open a series to record its date's findings.</p>;

  const base = (kind: Finding['kind']) => ({
    id: `${kind}-${date}`,
    date,
    imageReferences: [
      { seriesInstanceUid: series.seriesInstanceUid, studyInstanceUid: series.studyInstanceUid },
    ],
  });

  const markBiliary = async (): Promise<void> => {
    setError(null);
    const picked = await host.pickPoint('Click where the bile duct is interrupted');
    if (!picked) return;
    const finding: BiliaryInterruptionFinding = {
      ...base('biliary-interruption'),
      kind: 'biliary-interruption',
      pointMm: picked.pointMm,
      imageReference: {
        seriesInstanceUid: series.seriesInstanceUid,
        studyInstanceUid: series.studyInstanceUid,
      },
      level: biliary?.level ?? { scheme: 'bismuth-corlette', type: 'I' },
      upstreamDilatation: biliary?.upstreamDilatation ?? null,
      ductRigidityRarefaction: biliary?.ductRigidityRarefaction ?? null,
    };
    state.putFinding(finding);
  };

  // A length tool: two clicks on the image give the craniocaudal (or any) liver span.
  const measureSpan = async (): Promise<void> => {
    const from = await host.pickPoint('Click one end of the liver span');
    if (!from) return;
    const to = await host.pickPoint('Click the other end of the liver span');
    if (!to) return;
    const p = from.pointMm;
    const q = to.pointMm;
    const spanMm = Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]);
    state.putFinding({
      ...base('hepatomegaly'),
      kind: 'hepatomegaly',
      present: hepatomegaly?.present ?? false,
      liverSpanMm: Math.round(spanMm * 10) / 10,
      spanLineMm: { from: p, to: q },
    });
    host.showLines(
      [
        {
          seriesId: from.seriesId,
          fromMm: p,
          toMm: q,
          label: `liver span ${spanMm.toFixed(1)} mm`,
        },
      ],
      'span',
    );
  };

  const presence = (kind: PresenceFinding['kind'], label: string) => {
    const current = find(kind);
    return (
      <label key={kind}>
        <input
          type="checkbox"
          checked={current?.present ?? false}
          onChange={(e) =>
            e.currentTarget.checked
              ? state.putFinding({ ...base(kind), kind, present: true })
              : state.removeFinding(`${kind}-${date}`)
          }
        />{' '}
        {label}
      </label>
    );
  };
  const hepatomegaly = find('hepatomegaly');

  return (
    <div className="findings-form">
      <fieldset>
        <legend>Pattern ({date})</legend>
        <select
          aria-label="Liver lesion pattern"
          value={pattern?.pattern ?? ''}
          onChange={(e) =>
            e.target.value === ''
              ? state.removeFinding(`pattern-${date}`)
              : state.putFinding({
                  ...base('pattern'),
                  kind: 'pattern',
                  pattern: e.target.value as LiverPattern,
                  support,
                })
          }
        >
          <option value="">not recorded</option>
          <option value="nodular">nodular</option>
          <option value="diffuse">diffuse</option>
          <option value="mixed">mixed</option>
          <option value="none">none</option>
        </select>
        {support && (
          <p data-testid="pattern-support">
            {support.lesionCount} lesion(s), {support.totalLesionVolumeMl.toFixed(1)} mL
            {support.fractionOfLiverInvolved !== null
              ? `, ${(support.fractionOfLiverInvolved * 100).toFixed(1)} % of the liver volume`
              : ' (no Liver segment: fraction of the liver not known)'}
            {support.segmentsInvolved.length > 0
              ? `; segments ${support.segmentsInvolved.join(', ')}`
              : ''}
            {support.lesionsWithoutSegment > 0
              ? `; ${support.lesionsWithoutSegment} lesion(s) without a recorded segment`
              : ''}
          </p>
        )}
        {(pattern?.pattern === 'diffuse' || pattern?.pattern === 'mixed') && (
          <p className="warning" role="note">
            {DIFFUSE_PATTERN_WARNING}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Biliary interruption (MRCP)</legend>
        <button type="button" onClick={() => void markBiliary()}>
          {biliary ? 'Move the interruption marker' : 'Mark the interruption on the image'}
        </button>
        {error && <p role="alert">{error}</p>}
        {biliary && (
          <div data-testid="biliary-finding">
            <p>Marked at ({biliary.pointMm.map((v) => v.toFixed(1)).join(', ')}) mm</p>
            <label>
              Level{' '}
              <select
                value={levelValue(biliary.level)}
                onChange={(e) => {
                  const chosen = LEVELS.find((l) => l.value === e.target.value);
                  if (chosen) state.putFinding({ ...biliary, level: chosen.level });
                }}
              >
                {LEVELS.map((l) => (
                  <option key={l.value} value={l.value}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>
            <TriState
              label="Upstream dilatation"
              value={biliary.upstreamDilatation}
              onChange={(v) => state.putFinding({ ...biliary, upstreamDilatation: v })}
            />
            <TriState
              label="Intrahepatic duct rigidity/rarefaction"
              value={biliary.ductRigidityRarefaction}
              onChange={(v) => state.putFinding({ ...biliary, ductRigidityRarefaction: v })}
            />
            <button type="button" onClick={() => state.removeFinding(biliary.id)}>
              Remove marker
            </button>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Other findings</legend>
        <label>
          <input
            type="checkbox"
            checked={hepatomegaly?.present ?? false}
            onChange={(e) =>
              e.currentTarget.checked
                ? state.putFinding({
                    ...base('hepatomegaly'),
                    kind: 'hepatomegaly',
                    present: true,
                    liverSpanMm: hepatomegaly?.liverSpanMm ?? null,
                  })
                : state.removeFinding(`hepatomegaly-${date}`)
            }
          />{' '}
          Hepatomegaly
        </label>
        <button type="button" onClick={() => void measureSpan()}>
          Measure liver span (two clicks)
        </button>
        {hepatomegaly?.liverSpanMm != null && (
          <span data-testid="liver-span">Liver span {hepatomegaly.liverSpanMm} mm</span>
        )}
        {hepatomegaly && (
          <label>
            Liver span (mm){' '}
            <input
              type="number"
              min={0}
              value={hepatomegaly.liverSpanMm ?? ''}
              onChange={(e) =>
                state.putFinding({
                  ...hepatomegaly,
                  liverSpanMm: e.currentTarget.value === '' ? null : Number(e.currentTarget.value),
                })
              }
            />
          </label>
        )}
        {presence('homogeneous-density-decrease', 'Homogeneous density decrease')}
        {presence('t2-parenchymal-oedema', 'T2 parenchymal oedema')}
        {presence('ascites', 'Ascites')}
      </fieldset>
    </div>
  );
}
