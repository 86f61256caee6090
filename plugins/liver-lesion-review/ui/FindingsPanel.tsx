import { useMemo } from 'react';
import type { PanelProps } from '../../../src/plugin-api';
import { buildCombinedTimeline } from '../domain/labs/buildCombinedTimeline';
import { evaluateRules } from '../domain/rules/evaluateRules';
import { ImagingFindingsSection } from './ImagingFindingsSection';
import { LabsSection } from './LabsSection';
import { LiverSpleenSection } from './LiverSpleenSection';
import { OpenedReportSection } from './OpenedReportSection';
import { RulesSection } from './RulesSection';
import { TimelineChart } from './TimelineChart';
import { useFindings } from './useFindings';

/**
 * Findings per date (tied to the images they were made on), labs, and the rules they meet,
 * with the values and sources that decided each rule. Never a diagnosis.
 */
export function FindingsPanel({ host }: PanelProps) {
  const state = useFindings(host);
  const { record, responses } = state;
  const evaluation = useMemo(
    () =>
      evaluateRules({
        labs: record.labs,
        findings: record.findings,
        responses,
        knownMalignancy: record.knownMalignancy,
      }),
    [record, responses],
  );
  const timeline = useMemo(
    () =>
      buildCombinedTimeline({
        burden: responses,
        labs: record.labs,
        treatments: record.treatments,
      }),
    [responses, record.labs, record.treatments],
  );
  if (!state.patient) return <p className="muted">No patient loaded.</p>;
  return (
    <div className="findings">
      <p className="muted">
        Findings are recorded on the date of the displayed series
        {state.displayedDate ? ` (${state.displayedDate})` : ''}. Rules show which criteria the
        findings and labs meet, with their sources; they are not a diagnosis.
      </p>
      <label>
        <input
          type="checkbox"
          checked={record.knownMalignancy === true}
          onChange={(e) => state.update({ knownMalignancy: e.currentTarget.checked })}
        />{' '}
        Known malignancy
      </label>
      <OpenedReportSection host={host} />
      <h3>Liver-to-spleen ratio</h3>
      <LiverSpleenSection host={host} state={state} />
      <h3>Imaging findings</h3>
      <ImagingFindingsSection host={host} state={state} />
      <h3>Labs</h3>
      <LabsSection state={state} />
      <h3>Rules</h3>
      <RulesSection evaluation={evaluation} />
      <h3>Timeline</h3>
      <TimelineChart timeline={timeline} />
    </div>
  );
}
