import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { describeDicomWebFailure } from '../../../datasource/dicomweb/outboxRetry';
import type { PacsConnection } from './createPacsConnection';

type Message = { readonly text: string; readonly error: boolean };

/**
 * The PACS settings: DICOMweb URL (kept in localStorage) and an optional bearer token (kept for
 * this tab only, in sessionStorage; never shown again once saved, never put in a URL).
 */
export function PacsSettingsForm({ pacs }: { readonly pacs: PacsConnection }) {
  const state = useSyncExternalStore(pacs.store.subscribe, pacs.store.getState);
  const [url, setUrl] = useState(state.server?.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [testing, setTesting] = useState(false);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    // An empty token field keeps the saved token when the server stays the same.
    const keep = token === '' && state.server?.hasToken && state.server.baseUrl === url.trim();
    const problem = keep ? null : pacs.configure({ baseUrl: url, bearerToken: token });
    setToken('');
    setMessage(
      problem
        ? { text: problem, error: true }
        : { text: `PACS set to ${pacs.store.getState().server?.baseUrl ?? url}.`, error: false },
    );
  };

  const test = async (): Promise<void> => {
    const client = pacs.store.getState().client;
    if (!client) return;
    setTesting(true);
    setMessage(null);
    try {
      const studies = await client.searchStudies({ limit: 1 });
      setMessage({
        text: `The PACS answered (${studies.length === 0 ? 'no studies yet' : 'studies found'}).`,
        error: false,
      });
    } catch (error) {
      const baseUrl = pacs.store.getState().server?.baseUrl ?? '';
      // The browser itself blocks a PACS on another origin unless it sends CORS headers and
      // the deployment's Content-Security-Policy lists it.
      const crossOrigin =
        /^https?:\/\//i.test(baseUrl) && new URL(baseUrl).origin !== window.location.origin;
      setMessage({
        text: `The PACS did not answer: ${describeDicomWebFailure(error)}${
          crossOrigin
            ? ' A PACS on another origin must send CORS headers and be allowed by the deployment (liver-review.config.json or LIVER_REVIEW_DICOMWEB_URL); a proxied path such as /dicom-web avoids both.'
            : ''
        }`,
        error: true,
      });
    } finally {
      setTesting(false);
    }
  };

  return (
    <form className="pacs-settings" aria-label="PACS settings" onSubmit={save}>
      <label>
        DICOMweb URL
        <input
          type="text"
          value={url}
          placeholder="/dicom-web or https://pacs.example/dicom-web"
          spellCheck={false}
          autoComplete="url"
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        Bearer token (optional)
        <input
          type="password"
          value={token}
          autoComplete="off"
          placeholder={state.server?.hasToken ? 'saved for this tab' : ''}
          onChange={(e) => setToken(e.currentTarget.value)}
        />
      </label>
      <p className="muted small">
        The URL is remembered in this browser; the token only for this tab, and it is sent only to
        the PACS&apos;s own origin.
      </p>
      <div className="pacs-row">
        <button type="submit">Save PACS settings</button>
        <button type="button" disabled={!state.client || testing} onClick={() => void test()}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="button"
          disabled={state.server?.from !== 'user'}
          onClick={() => {
            pacs.forget();
            const next = pacs.store.getState().server;
            setUrl(next?.baseUrl ?? '');
            setMessage({
              text: next
                ? `Your settings were forgotten; the deployment's PACS (${next.baseUrl}) applies.`
                : 'Your PACS settings were forgotten.',
              error: false,
            });
          }}
        >
          Forget PACS settings
        </button>
      </div>
      <p className="muted small" aria-live="polite">
        {state.server
          ? `In use: ${state.server.baseUrl}${state.server.from === 'deployment' ? ' (from the deployment)' : ''}${state.server.hasToken ? ', with a token' : ''}.`
          : 'No PACS configured.'}
      </p>
      {state.configError && <p role="alert">{state.configError}</p>}
      {message && <p role={message.error ? 'alert' : 'status'}>{message.text}</p>}
    </form>
  );
}
