import type { RuleEvaluation } from '../../domain/rules/evaluateRules';

const STATUS_TEXT = { met: 'met', 'not-met': 'not met', 'not-evaluable': 'not evaluable' } as const;

/**
 * Every rule per date for print: met / not met / not evaluable with the sentence that decided
 * it, and the rule's sources. Shows which criteria are met; never a diagnosis.
 */
export function ReportRules({ evaluation }: { readonly evaluation: RuleEvaluation }) {
  if (evaluation.dates.length === 0) return <p>No lab values or findings to evaluate.</p>;
  return (
    <table className="review-table report-table" aria-label="Rules by date (report)">
      <thead>
        <tr>
          <th scope="col">Rule and sources</th>
          {evaluation.dates.map((d) => (
            <th scope="col" key={d.date}>
              <time dateTime={d.date}>{d.date}</time>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {evaluation.rules.map((rule) => (
          <tr key={rule.id} data-testid={`report-rule-${rule.id}`}>
            <th scope="row">
              {rule.title}
              <div className="report-reason">Sources: {rule.sources.join('; ')}</div>
            </th>
            {evaluation.dates.map((d) => {
              const result = d.results.find((r) => r.ruleId === rule.id);
              if (!result) return <td key={d.date}>—</td>;
              return (
                <td key={d.date} className={`rule-${result.status}`}>
                  <span className="status">{STATUS_TEXT[result.status]}</span>
                  <div className="report-reason">{result.statement ?? result.summary}</div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
