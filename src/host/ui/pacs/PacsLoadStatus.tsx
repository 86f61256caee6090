import { useSyncExternalStore } from 'react';
import type { PacsConnection } from './createPacsConnection';

/**
 * Progress of a load from the PACS with its Cancel button, then how it ended. The button comes
 * before the changing label, so it stays where it is while the label grows and shrinks.
 */
export function PacsLoadStatus({ pacs }: { readonly pacs: PacsConnection }) {
  const { load, loadResult } = useSyncExternalStore(pacs.store.subscribe, pacs.store.getState);
  if (load) {
    return (
      <div className="progress pacs-load" role="group" aria-label="Loading from the PACS">
        <progress
          aria-label="PACS loading progress"
          {...(load.total > 0 ? { value: load.done, max: load.total } : {})}
        />
        <button type="button" disabled={load.cancelling} onClick={() => pacs.cancelLoad()}>
          Cancel loading
        </button>
        <span role="status" aria-live="polite">
          {load.cancelling ? 'Cancelling…' : load.label}
        </span>
      </div>
    );
  }
  if (!loadResult) return null;
  return (
    <p className="pacs-load-result" role={loadResult.error ? 'alert' : 'status'}>
      {loadResult.text}{' '}
      <button
        type="button"
        aria-label="Dismiss the PACS loading result"
        onClick={() => pacs.dismissLoadResult()}
      >
        ×
      </button>
    </p>
  );
}
