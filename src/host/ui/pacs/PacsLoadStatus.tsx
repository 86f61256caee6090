import { useSyncExternalStore } from 'react';
import type { PacsConnection, PacsState } from './createPacsConnection';
import { PacsLoadPreview } from './PacsLoadPreview';

type Load = NonNullable<PacsState['load']>;

/** "37 of 200 images of this series; 412 of 900 in all" (or series when not counted). */
function describeCounts(load: Load): string {
  const parts: string[] = [];
  if (load.series)
    parts.push(`${load.series.done} of ${load.series.total ?? '?'} images of this series`);
  if (load.total > 0)
    parts.push(
      `${load.done} of ${load.total} ${load.countsInstances ? 'images' : 'series'} in all`,
    );
  return parts.join('; ');
}

/**
 * Progress of a load from the PACS with its Cancel button, then how it ended. The button comes
 * before the changing label, so it stays where it is while the label grows and shrinks. The
 * counts are not in the live region: read out at every instance they would drown the label.
 */
export function PacsLoadStatus({ pacs }: { readonly pacs: PacsConnection }) {
  const { load, loadResult, preview } = useSyncExternalStore(
    pacs.store.subscribe,
    pacs.store.getState,
  );
  if (load) {
    const series = load.series;
    return (
      <div className="progress pacs-load" role="group" aria-label="Loading from the PACS">
        <progress
          aria-label="PACS loading progress"
          {...(load.total > 0 ? { value: load.done, max: load.total } : {})}
        />
        {series && (
          <progress
            aria-label="Progress of this series"
            className="pacs-series-progress"
            {...(series.total ? { value: series.done, max: series.total } : {})}
          />
        )}
        <button type="button" disabled={load.cancelling} onClick={() => pacs.cancelLoad()}>
          Cancel loading
        </button>
        <span className="pacs-load-text">
          <span role="status" aria-live="polite">
            {load.cancelling ? 'Cancelling…' : load.label}
          </span>
          {!load.cancelling && (
            <span className="pacs-load-counts small">{describeCounts(load)}</span>
          )}
        </span>
        {preview && !load.cancelling && <PacsLoadPreview preview={preview} />}
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
