import { useEffect, useMemo, useState } from 'react';
import type { PanelProps, PatientSummary } from '../../../src/plugin-api';
import { buildTimepoints } from '../domain/buildTimepoints';

/** The patient's imaging dates: the axis every later comparison (volumes, response) uses. */
export function TimepointsPanel({ host }: PanelProps) {
  const [patients, setPatients] = useState<readonly PatientSummary[]>(() => host.getPatients());
  useEffect(() => {
    setPatients(host.getPatients());
    const subscription = host.on('patients-changed', (detail) => setPatients(detail.patients));
    return () => subscription.dispose();
  }, [host]);

  const perPatient = useMemo(
    () =>
      patients.map((patient) => ({
        patient,
        summary: buildTimepoints(
          patient.studies.map((study) => ({
            studyInstanceUid: study.studyInstanceUid,
            date: study.date,
            modalities: study.modalities,
            seriesDescriptions: study.series.map((s) => s.description),
          })),
        ),
      })),
    [patients],
  );

  if (patients.length === 0) return <p className="muted">No patient loaded.</p>;
  return (
    <div>
      {perPatient.map(({ patient, summary }) => (
        <table
          key={patient.patientId}
          className="timepoints"
          aria-label={`Timepoints of ${patient.patientId}`}
        >
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Day</th>
              <th scope="col">Imaging</th>
            </tr>
          </thead>
          <tbody>
            {summary.timepoints.map((tp) => (
              <tr key={tp.date}>
                <td>
                  <time dateTime={tp.date}>{tp.date}</time>
                </td>
                <td>{tp.dayOffset === 0 ? 'baseline' : `+${tp.dayOffset}`}</td>
                <td>
                  {tp.modalities.join(', ')}
                  {tp.hasMrcp ? ' (MRCP)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
          {summary.undated.length > 0 && (
            <tfoot>
              <tr>
                <td colSpan={3}>
                  {summary.undated.length} study(ies) without a date are not on the timeline.
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      ))}
    </div>
  );
}
