import type { RuleEvaluation } from '../../domain/rules/evaluateRules';

const STATUS_TEXT = { met: 'met', 'not-met': 'not met', 'not-evaluable': 'not evaluable' } as const;

/** Date columns per table: with more, an A4 portrait page leaves the cells too narrow to read. */
export const RULE_DATES_PER_TABLE = 4;

/**
 * Every rule per date for print: met / not met / not evaluable with the sentence that decided
 * it, and the rule's sources. Shows which criteria are met; never a diagnosis. More than
 * `RULE_DATES_PER_TABLE` dates are split into consecutive tables, each repeating the rules.
 */
export function ReportRules({ evaluation }: { readonly evaluation: RuleEvaluation }) {
  if (evaluation.dates.length === 0) return <p>No lab values or findings to evaluate.</p>;
  const chunks: Array<typeof evaluation.dates> = [];
  for (let i = 0; i < evaluation.dates.length; i += RULE_DATES_PER_TABLE) {
    chunks.push(evaluation.dates.slice(i, i + RULE_DATES_PER_TABLE));
  }
  return (
    <>
      {chunks.map((dates) => {
        const first = dates[0]!.date;
        const last = dates[dates.length - 1]!.date;
        const label =
          chunks.length === 1
            ? 'Rules by date (report)'
            : `Rules by date (report), ${first} to ${last}`;
        return (
          <table className="review-table report-table" aria-label={label} key={first}>
            <thead>
              <tr>
                <th scope="col">Rule and sources</th>
                {dates.map((d) => (
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
                  {dates.map((d) => {
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
      })}
    </>
  );
}
