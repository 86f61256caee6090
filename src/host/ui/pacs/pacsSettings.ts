/**
 * Where the PACS settings live. The DICOMweb URL is kept in localStorage (it is not a secret and
 * should survive a restart). The bearer token is kept in sessionStorage, tied to the URL's
 * origin: it survives a reload of the tab (so the outbox can retry after one without asking
 * again) but is dropped when the tab closes, is not shared with other tabs, and is never written
 * to localStorage, a URL or a log. A token saved for one origin is not used for another.
 */
export interface PacsSettings {
  readonly baseUrl: string;
  readonly bearerToken: string | null;
  /** user: set in the settings panel; deployment: from the deployment's configuration. */
  readonly from: 'user' | 'deployment';
}

export interface SettingsStorage {
  readonly local: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export const PACS_URL_KEY = 'llr.pacs.url';
export const PACS_TOKEN_KEY = 'llr.pacs.token';

export type UrlCheck =
  | { readonly ok: true; readonly baseUrl: string }
  | { readonly ok: false; readonly message: string };

/**
 * A DICOMweb root the app can use: an absolute http(s) URL or a path on this server (a proxy,
 * e.g. `/dicom-web`). Credentials, queries and fragments are refused, so a token pasted into
 * the URL never ends up in storage or in request URLs. Trailing slashes are dropped.
 */
export function checkPacsUrl(input: string, pageOrigin: string): UrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter the DICOMweb URL of the PACS.' };
  let url: URL;
  try {
    url = new URL(text, pageOrigin);
  } catch {
    return { ok: false, message: `"${text}" is not a URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: 'The DICOMweb URL must start with http://, https:// or /.' };
  if ((!text.startsWith('/') && !/^https?:\/\//i.test(text)) || text.startsWith('//'))
    return { ok: false, message: 'The DICOMweb URL must start with http://, https:// or /.' };
  if (url.username || url.password)
    return {
      ok: false,
      message: 'Put no user name or password in the URL; use the bearer token field.',
    };
  if (url.search || url.hash || text.includes('?') || text.includes('#'))
    return {
      ok: false,
      message: 'The DICOMweb URL must not have a query or fragment (put a token in its own field).',
    };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, baseUrl: text.startsWith('/') ? path || '/' : `${url.origin}${path}` };
}

/** Why a token cannot be sent as an HTTP header (spaces, control or non-ASCII characters), or null. */
export function checkBearerToken(token: string): string | null {
  const text = token.trim();
  return text && /[^\x21-\x7e]/.test(text)
    ? 'The token must be one word of printable ASCII characters (no spaces).'
    : null;
}

/** The origin a base URL points at (a path points at the page's own origin). */
export const originOf = (baseUrl: string, pageOrigin: string): string =>
  new URL(baseUrl, pageOrigin).origin;

/** The settings in use: the user's, else the deployment's, else none. */
export function readPacsSettings(
  storage: SettingsStorage,
  pageOrigin: string,
  deployment: { readonly baseUrl: string } | null,
): PacsSettings | null {
  const stored = storage.local.getItem(PACS_URL_KEY);
  const checked = stored ? checkPacsUrl(stored, pageOrigin) : null;
  const from: PacsSettings['from'] | null = checked?.ok ? 'user' : deployment ? 'deployment' : null;
  const baseUrl = checked?.ok ? checked.baseUrl : deployment?.baseUrl;
  if (!from || !baseUrl) return null;
  return { baseUrl, bearerToken: readToken(storage, originOf(baseUrl, pageOrigin)), from };
}

function readToken(storage: SettingsStorage, origin: string): string | null {
  try {
    const saved = JSON.parse(storage.session.getItem(PACS_TOKEN_KEY) ?? 'null') as unknown;
    if (
      typeof saved === 'object' &&
      saved !== null &&
      (saved as { origin?: unknown }).origin === origin &&
      typeof (saved as { token?: unknown }).token === 'string'
    )
      return (saved as { token: string }).token;
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

/** Saves the user's settings; an empty token removes the saved one. */
export function writePacsSettings(
  storage: SettingsStorage,
  pageOrigin: string,
  settings: { readonly baseUrl: string; readonly bearerToken: string | null },
): void {
  storage.local.setItem(PACS_URL_KEY, settings.baseUrl);
  if (settings.bearerToken)
    storage.session.setItem(
      PACS_TOKEN_KEY,
      JSON.stringify({
        origin: originOf(settings.baseUrl, pageOrigin),
        token: settings.bearerToken,
      }),
    );
  else storage.session.removeItem(PACS_TOKEN_KEY);
}

/** Forgets the user's settings (the deployment's, if any, apply again). */
export function clearPacsSettings(storage: SettingsStorage): void {
  storage.local.removeItem(PACS_URL_KEY);
  storage.session.removeItem(PACS_TOKEN_KEY);
}
