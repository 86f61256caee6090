import type { HistoryUsage } from '../createSegmentationSession';

const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

/** The undo history's size against its cap, and how many of the oldest steps were dropped. */
export function HistoryUsageNote({ usage }: { readonly usage: HistoryUsage }) {
  return (
    <p className="history-usage" data-testid="history-usage" aria-live="polite">
      Undo history: {usage.steps} {usage.steps === 1 ? 'step' : 'steps'}, {mib(usage.bytes)} of{' '}
      {mib(usage.capBytes)} MiB
      {usage.droppedSteps > 0
        ? ` (the oldest ${usage.droppedSteps} ${usage.droppedSteps === 1 ? 'step was' : 'steps were'} dropped to stay within it)`
        : ''}
    </p>
  );
}
