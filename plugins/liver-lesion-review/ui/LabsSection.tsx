import { useMemo, useState } from 'react';
import { buildLabTable } from '../domain/labs/buildLabTable';
import { parseLabCsv } from '../domain/labs/parseLabCsv';
import type { LabImportError } from '../domain/labs/LabImportError';
import { LabEntryForm } from './LabEntryForm';
import type { FindingsState } from './useFindings';

/** The lab values by date, with × ULN, CTCAE grade, R ratio and Hy's law; CSV import. */
export function LabsSection({ state }: { readonly state: FindingsState }) {
  const table = useMemo(() => buildLabTable(state.record.labs), [state.record.labs]);
  const [errors, setErrors] = useState<readonly LabImportError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const importFile = async (file: File): Promise<void> => {
    const result = parseLabCsv(await file.text());
    setErrors(result.errors);
    // Same analyte and date from the file replaces what was there.
    const key = (v: { analyte: string; date: string }) => `${v.analyte}@${v.date}`;
    const incoming = new Set(result.values.map(key));
    state.update({
      labs: [...state.record.labs.filter((v) => !incoming.has(key(v))), ...result.values],
    });
    setMessage(
      `Imported ${result.values.length} value(s) from ${file.name}` +
        (result.errors.length ? `; ${result.errors.length} row problem(s) listed below.` : '.'),
    );
  };

  return (
    <div>
      <div className="review-controls">
        <label>
          Import labs (CSV){' '}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importFile(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
        {message && (
          <span role="status" className="muted">
            {message}
          </span>
        )}
      </div>
      <LabEntryForm
        onLab={(value) =>
          state.update({
            labs: [
              ...state.record.labs.filter(
                (v) => !(v.analyte === value.analyte && v.date === value.date),
              ),
              value,
            ],
          })
        }
        onTreatment={(event) =>
          state.update({
            treatments: [...state.record.treatments.filter((t) => t.id !== event.id), event],
          })
        }
      />
      {state.record.treatments.length > 0 && (
        <ul className="reasons" aria-label="Treatment events">
          {[...state.record.treatments]
            .sort((a, b) => a.date.localeCompare(b.date))
            .map((t) => (
              <li key={t.id}>
                {t.date}
                {t.dateCertainty === 'approximate' ? ' (approx.)' : ''}: {t.drug} {t.kind}
                {t.doseMg !== null ? ` ${t.doseMg} mg` : ''}{' '}
                <button
                  type="button"
                  aria-label={`Remove ${t.drug} ${t.kind} on ${t.date}`}
                  onClick={() =>
                    state.update({
                      treatments: state.record.treatments.filter((x) => x.id !== t.id),
                    })
                  }
                >
                  ×
                </button>
              </li>
            ))}
        </ul>
      )}
      {errors.length > 0 && (
        <ul role="alert" className="reasons">
          {errors.map((e, n) => (
            <li key={n}>
              {e.row !== null ? `Row ${e.row}: ` : ''}
              {e.message} ({e.code})
            </li>
          ))}
        </ul>
      )}
      {table.dates.length === 0 ? (
        <p className="muted">No lab values recorded.</p>
      ) : (
        <table className="review-table" aria-label="Lab values by date">
          <thead>
            <tr>
              <th scope="col">Test</th>
              {table.dates.map((d) => (
                <th scope="col" key={d.date}>
                  <time dateTime={d.date}>{d.date}</time>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.analytes.map((analyte) => (
              <tr key={analyte}>
                <th scope="row">{analyte}</th>
                {table.dates.map((d) => {
                  const v = d.values[analyte];
                  return (
                    <td key={d.date} data-testid={`lab-${analyte}-${d.date}`}>
                      {v ? (
                        <>
                          {v.value.value} {v.value.unit}
                          {v.timesUln !== null && (
                            <div className="muted">{v.timesUln.toFixed(2)} × ULN</div>
                          )}
                          {v.ctcae && v.ctcae.grade > 0 && (
                            <div className="status">CTCAE G{v.ctcae.grade}</div>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">R ratio</th>
              {table.dates.map((d) => (
                <td key={d.date} title={d.rRatio.reason}>
                  {d.rRatio.r === null
                    ? '—'
                    : `${d.rRatio.r.toFixed(2)} (${d.rRatio.pattern ?? 'normal'})`}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Hy&apos;s law</th>
              {table.dates.map((d) => (
                <td key={d.date}>{d.hysLaw.status}</td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
