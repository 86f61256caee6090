import type { PatientSummary, SeriesSelection, SeriesSummary } from '../../plugin-api';

interface SeriesBrowserProps {
  readonly patients: readonly PatientSummary[];
  readonly displayed: SeriesSelection | null;
  readonly onOpen: (series: SeriesSummary) => void;
}

const KIND_NOTE: Partial<Record<SeriesSummary['kind'], string>> = {
  localizer: 'localizer',
  seg: 'segmentation',
  sr: 'report',
  other: 'not an image',
};

function describeSeries(series: SeriesSummary): string {
  const name = series.description || `Series ${series.number ?? ''}`.trim();
  const size = series.dimensions
    ? `${series.dimensions[0]}×${series.dimensions[1]}×${series.dimensions[2]}`
    : `${series.frameCount} img`;
  return `${series.modality} · ${name} · ${size}`;
}

/** Patient → study (by date) → series. Non-image objects are listed but cannot be opened. */
export function SeriesBrowser({ patients, displayed, onOpen }: SeriesBrowserProps) {
  if (patients.length === 0) {
    return <p className="muted">No studies loaded.</p>;
  }
  return (
    <nav aria-label="Series browser">
      {patients.map((patient) => (
        <section key={patient.patientId} className="patient">
          <h2>
            {patient.patientName || 'Unnamed patient'}{' '}
            <span className="muted">({patient.patientId})</span>
          </h2>
          {patient.studies.map((study) => (
            <section
              key={study.studyInstanceUid}
              className="study"
              aria-label={`Study ${study.date ?? 'without date'}`}
            >
              <h3>
                <time dateTime={study.date ?? undefined}>{study.date ?? 'No date'}</time>{' '}
                <span className="muted">
                  {study.modalities.join('/')} {study.description}
                </span>
              </h3>
              <ul>
                {study.series.map((series) => {
                  const openable =
                    series.kind === 'volume' ||
                    series.kind === 'stack' ||
                    series.kind === 'single' ||
                    series.kind === 'localizer';
                  const active = displayed?.series.id === series.id;
                  const note = KIND_NOTE[series.kind];
                  return (
                    <li key={series.id}>
                      <button
                        type="button"
                        className={active ? 'series active' : 'series'}
                        disabled={!openable}
                        aria-current={active ? 'true' : undefined}
                        onClick={() => onOpen(series)}
                        title={series.warnings.join('\n') || undefined}
                      >
                        {describeSeries(series)}
                        {note && <span className="tag">{note}</span>}
                        {series.warnings.length > 0 && (
                          <span
                            className="tag warn"
                            aria-label={`${series.warnings.length} warnings`}
                          >
                            ⚠ {series.warnings.length}
                          </span>
                        )}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </nav>
  );
}
