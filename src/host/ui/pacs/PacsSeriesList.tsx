import { useState } from 'react';
import { describeSeriesRecord } from './loadFromPacs';
import type { SeriesListing } from './studyGroups';

interface PacsSeriesListProps {
  readonly studyLabel: string;
  readonly listing: SeriesListing | undefined;
  /** The study's selection: every series, some, or none (undefined). */
  readonly picked: 'all' | ReadonlySet<string> | undefined;
  readonly onExpand: () => void;
  readonly onPick: (next: 'all' | ReadonlySet<string> | null) => void;
}

/** A study's series (QIDO-RS, listed on demand), each with its own checkbox. */
export function PacsSeriesList({
  studyLabel,
  listing,
  picked,
  onExpand,
  onPick,
}: PacsSeriesListProps) {
  const [open, setOpen] = useState(false);
  const series = listing?.status === 'ok' ? listing.series : [];

  const toggle = (uid: string, on: boolean): void => {
    const current = new Set(
      picked === 'all' ? series.map((s) => s.seriesInstanceUid) : (picked ?? []),
    );
    if (on) current.add(uid);
    else current.delete(uid);
    if (current.size === 0) onPick(null);
    else if (current.size === series.length) onPick('all');
    else onPick(current);
  };

  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-label={`Series of ${studyLabel}`}
        onClick={() => {
          if (!open) onExpand();
          setOpen(!open);
        }}
      >
        Series
      </button>
      {open && listing?.status === 'loading' && <p className="muted">Listing series…</p>}
      {open && listing?.status === 'error' && (
        <p role="alert">Series could not be listed: {listing.message}</p>
      )}
      {open && listing?.status === 'ok' && (
        <ul className="pacs-series" aria-label={`Series of ${studyLabel}`}>
          {series.length === 0 && <li className="muted">No series.</li>}
          {series.map((s) => (
            <li key={s.seriesInstanceUid}>
              <label>
                <input
                  type="checkbox"
                  checked={picked === 'all' || (picked?.has(s.seriesInstanceUid) ?? false)}
                  onChange={(e) => toggle(s.seriesInstanceUid, e.currentTarget.checked)}
                />
                {describeSeriesRecord(s)}
              </label>{' '}
              <span className="muted">{s.numberOfInstances ?? '?'} image(s)</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
