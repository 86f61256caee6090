import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Host } from '../../createHost';
import type { PacsConnection } from './createPacsConnection';
import type { PacsLoadHost } from './loadFromPacs';
import { PacsSettingsForm } from './PacsSettingsForm';
import { PacsStudyBrowser } from './PacsStudyBrowser';

/** The host's side of a load: the ingest path local files take, and the display. */
export function pacsLoadHost(host: Host): PacsLoadHost {
  return {
    loadSource: (source) => host.loadSource(source),
    patients: () => host.store.getState().patients,
    displayed: () => host.store.getState().displayed,
    display: (seriesId) => host.api.displaySeries(seriesId),
  };
}

interface PacsDialogProps {
  readonly pacs: PacsConnection;
  readonly host: Host;
  readonly open: boolean;
  readonly onClose: () => void;
}

/** A modal dialog: the PACS settings and the study browser. Escape or Close closes it. */
export function PacsDialog({ pacs, host, open, onClose }: PacsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const state = useSyncExternalStore(pacs.store.subscribe, pacs.store.getState);
  const [settingsOpen, setSettingsOpen] = useState(state.server === null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="pacs-dialog"
      aria-labelledby="pacs-dialog-title"
      onClose={onClose}
    >
      <div className="pacs-dialog-head">
        <h2 id="pacs-dialog-title">PACS (DICOMweb)</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <details
        open={settingsOpen}
        onToggle={(e) => setSettingsOpen(e.currentTarget.open)}
        className="pacs-settings-box"
      >
        <summary>Server settings</summary>
        <PacsSettingsForm pacs={pacs} />
      </details>
      {state.client && state.server ? (
        <PacsStudyBrowser
          key={state.server.baseUrl}
          client={state.client}
          onOpen={(series) => {
            onClose();
            void pacs.load(series, pacsLoadHost(host));
          }}
        />
      ) : (
        <p className="muted">Set the PACS&apos;s DICOMweb URL to search it.</p>
      )}
    </dialog>
  );
}
