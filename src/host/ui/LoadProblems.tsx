import type { LoadProblem } from '../../plugin-api';

/** Every file that could not be loaded, with its reason; the rest of the folder still loads. */
export function LoadProblems({ problems }: { readonly problems: readonly LoadProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <details className="problems" open={problems.length <= 5}>
      <summary>
        {problems.length} file{problems.length === 1 ? '' : 's'} not loaded
      </summary>
      <ul aria-label="Files not loaded">
        {problems.map((problem, i) => (
          <li key={`${problem.file}-${i}`}>
            <code>{problem.file}</code>: {problem.message}{' '}
            <span className="muted">({problem.code})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
