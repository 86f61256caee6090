import { useState, useSyncExternalStore } from 'react';
import type { Outbox, OutboxState } from '../../../datasource/dicomweb/outbox';
import { downloadBlob } from '../../../segmentation/ui/downloadBlob';

type Entry = OutboxState['entries'][number];

const timeOf = (epochMs: number): string => new Date(epochMs).toLocaleTimeString();

function describeStatus(entry: Entry, configuredUrl: string | null): string {
  switch (entry.status) {
    case 'waiting':
      return entry.attempts === 0
        ? 'sending'
        : `retried automatically${entry.nextAttemptAt ? ` at ${timeOf(entry.nextAttemptAt)}` : ''}`;
    case 'attention':
      return 'not retried automatically: check the reason, then Retry now or Discard';
    case 'other-server':
      return `meant for ${entry.serverUrl}, not the configured PACS ${configuredUrl ?? ''}: sent only if you choose to`;
    case 'no-server':
      return 'waits until a PACS is configured';
  }
}

/**
 * The STOW-RS outbox in the header: how many objects wait, the last error, Retry now, and per
 * object its target, attempts and reason, with Send to the configured PACS (objects meant for
 * another server), Save file and Discard (after a confirmation).
 */
export function OutboxIndicator({
  outbox,
  configuredUrl,
}: {
  readonly outbox: Outbox;
  readonly configuredUrl: string | null;
}) {
  const state = useSyncExternalStore(outbox.subscribe, outbox.getState);
  const [discarding, setDiscarding] = useState<Entry | null>(null);
  if (state.entries.length === 0 && !state.lastError) return null;
  const count = state.entries.length;
  return (
    <section className="outbox" aria-label="PACS outbox">
      <details>
        <summary>
          <span role="status">
            Outbox: {count} waiting{state.sending ? ' (sending…)' : ''}
          </span>
        </summary>
        <div className="outbox-panel">
          <ul aria-label="Objects waiting to be sent">
            {state.entries.map((entry) => (
              <li key={entry.id}>
                <strong>
                  {entry.kind} {entry.name}
                </strong>{' '}
                → {entry.serverUrl}
                <br />
                <span className="muted">
                  queued {new Date(entry.createdAt).toLocaleString()}, {entry.attempts} attempt(s);{' '}
                  {describeStatus(entry, configuredUrl)}
                </span>
                {entry.lastError && <div>Last error: {entry.lastError}</div>}
                <div className="pacs-row">
                  {entry.status === 'other-server' && configuredUrl && (
                    <button
                      type="button"
                      onClick={() => void outbox.sendToConfiguredServer(entry.id)}
                    >
                      Send {entry.name} to {configuredUrl}
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={`Save ${entry.name} as a file`}
                    onClick={() =>
                      downloadBlob(
                        new Blob([entry.bytes as Uint8Array<ArrayBuffer>], {
                          type: 'application/dicom',
                        }),
                        entry.name,
                      )
                    }
                  >
                    Save file
                  </button>
                  <button
                    type="button"
                    aria-label={`Discard ${entry.name}`}
                    onClick={() => setDiscarding(entry)}
                  >
                    Discard
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {discarding && (
            <div role="group" aria-label="Confirm discarding" className="confirm">
              <p>
                Discard {discarding.name}? It is not on the PACS; save it as a file first if it is
                still needed.
              </p>
              <button
                type="button"
                onClick={() => {
                  void outbox.discard(discarding.id);
                  setDiscarding(null);
                }}
              >
                Discard it
              </button>
              <button type="button" onClick={() => setDiscarding(null)}>
                Keep it
              </button>
            </div>
          )}
        </div>
      </details>
      {state.lastError && (
        <span className="outbox-error" role="alert">
          Last error: {state.lastError}
        </span>
      )}
      <button
        type="button"
        disabled={state.sending || count === 0 || !configuredUrl}
        onClick={() => void outbox.retryNow()}
      >
        Retry now
      </button>
    </section>
  );
}
