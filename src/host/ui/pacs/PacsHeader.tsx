import { useMemo, useState, useSyncExternalStore } from 'react';
import type { PacsSender } from '../../../datasource/dicomweb/outbox';
import type { Host } from '../../createHost';
import type { PacsConnection, PacsState } from './createPacsConnection';
import { OutboxIndicator } from './OutboxIndicator';
import { PacsDialog } from './PacsDialog';
import { PacsLoadStatus } from './PacsLoadStatus';
import './pacs.css';

/** The header's PACS part: the PACS… button and dialog, the load progress and the outbox. */
export function PacsHeader({ pacs, host }: { readonly pacs: PacsConnection; readonly host: Host }) {
  const [open, setOpen] = useState(false);
  const state = useSyncExternalStore(pacs.store.subscribe, pacs.store.getState);
  return (
    <div className="pacs-header">
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        PACS…
      </button>
      <PacsDialog pacs={pacs} host={host} open={open} onClose={() => setOpen(false)} />
      <PacsLoadStatus pacs={pacs} />
      <OutboxIndicator outbox={pacs.outbox} configuredUrl={state.server?.baseUrl ?? null} />
    </div>
  );
}

const NO_PACS = {
  subscribe: () => () => undefined,
  getState: (): PacsState | null => null,
};

/** Sending for the export panel: present while a PACS is configured. */
export function usePacsSender(pacs: PacsConnection | undefined): PacsSender | undefined {
  const source = pacs?.store ?? NO_PACS;
  const state = useSyncExternalStore(source.subscribe, source.getState);
  const serverUrl = state?.client ? (state.server?.baseUrl ?? null) : null;
  return useMemo(
    () =>
      pacs && serverUrl ? { serverUrl, send: (objects) => pacs.outbox.send(objects) } : undefined,
    [pacs, serverUrl],
  );
}
