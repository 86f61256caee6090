import type { RuleEvaluation } from '../domain/rules/evaluateRules';

/**
 * Each rule's status per date with the values that decided it and its sources. The product
 * shows which rules the findings meet; it states no diagnosis.
 */
export function RulesSection({ evaluation }: { readonly evaluation: RuleEvaluation }) {
  if (evaluation.dates.length === 0) return <p className="muted">Nothing to evaluate yet.</p>;
  return (
    <table className="review-table" aria-label="Rules by date">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          {evaluation.dates.map((d) => (
            <th scope="col" key={d.date}>
              <time dateTime={d.date}>{d.date}</time>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {evaluation.rules.map((rule) => (
          <tr key={rule.id} data-testid={`rule-${rule.id}`}>
            <th scope="row">{rule.title}</th>
            {evaluation.dates.map((d) => {
              const result = d.results.find((r) => r.ruleId === rule.id);
              if (!result) return <td key={d.date}>—</td>;
              return (
                <td
                  key={d.date}
                  className={`rule-${result.status}`}
                  data-testid={`rule-${rule.id}-${d.date}`}
                >
                  <details>
                    <summary>
                      <span className="status">{result.status}</span>
                    </summary>
                    <p>{result.statement ?? result.summary}</p>
                    <ul className="reasons">
                      {result.trace.map((t, n) => (
                        <li key={n}>
                          {t.label}: {t.value === null ? '—' : String(t.value)}
                          {t.unit ? ` ${t.unit}` : ''}
                          {t.threshold ? ` (${t.threshold})` : ''} — {t.status}
                          {t.date && t.date !== d.date ? ` [${t.date}]` : ''}
                        </li>
                      ))}
                      {result.caveats.map((c) => (
                        <li key={c} className="muted">
                          {c}
                        </li>
                      ))}
                    </ul>
                    <p className="muted">Sources: {result.sources.join('; ')}</p>
                  </details>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
