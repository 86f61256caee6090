import { DicomWebError, type DicomWebConfig } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** The resolved configuration: an absolute DICOMweb root (no trailing slash) and its origin. */
export interface ResolvedConfig {
  readonly root: string;
  readonly origin: string;
  readonly bearerToken: string | undefined;
  readonly timeoutMs: number;
}

/**
 * Checks and resolves the configuration. A relative `baseUrl` (`/dicom-web`, behind the app's
 * proxy) resolves against the page; outside a page it needs an absolute URL.
 */
export function resolveConfig(config: DicomWebConfig): ResolvedConfig {
  const raw = config.baseUrl.trim();
  if (!raw) throw new DicomWebError('BAD_CONFIG', 'No DICOMweb URL is configured.');
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  let url: URL;
  try {
    url = page ? new URL(raw, page) : new URL(raw);
  } catch {
    throw new DicomWebError('BAD_CONFIG', `"${raw}" is not a usable DICOMweb URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DicomWebError('BAD_CONFIG', `The DICOMweb URL must be http(s), not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new DicomWebError(
      'BAD_CONFIG',
      'Put credentials in the token field, not in the DICOMweb URL.',
    );
  }
  if (url.search || url.hash) {
    throw new DicomWebError('BAD_CONFIG', 'The DICOMweb URL must not have a query or fragment.');
  }
  const token = config.bearerToken?.trim() || undefined;
  // A header value cannot hold control characters; fetch would throw a TypeError later.
  if (token !== undefined && /[^\x21-\x7e]/.test(token)) {
    throw new DicomWebError('BAD_CONFIG', 'The token contains spaces or control characters.');
  }
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new DicomWebError('BAD_CONFIG', `The time limit must be positive, not ${timeoutMs}.`);
  }
  return {
    root: url.href.replace(/\/+$/, ''),
    origin: url.origin,
    bearerToken: token,
    timeoutMs,
  };
}

/** Whether a request to `url` may carry the token: only to the configured server's origin. */
export function mayCarryToken(resolved: ResolvedConfig, url: string): boolean {
  try {
    return new URL(url).origin === resolved.origin;
  } catch {
    return false;
  }
}

/** An answered request whose body may still be streaming; the time limit restarts on each chunk. */
export interface OpenResponse {
  readonly response: Response;
  /** Restarts the idle time limit (call on each received chunk). */
  touch(): void;
  /** Stops the timer and the abort listener. */
  finish(): void;
  /** Any failure during the body, as a DicomWebError (TIMEOUT / CANCELLED / PACS_UNREACHABLE). */
  toError(error: unknown, what: string): DicomWebError;
}

const TIMEOUT = Symbol('timeout');

async function describeHttpFailure(response: Response): Promise<string> {
  let detail = '';
  try {
    const text = (await response.text()).slice(0, 2000);
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      // Orthanc's HttpDescribeErrors body; else the text as is.
      const parts = [json['Message'], json['Details']].filter((p) => typeof p === 'string');
      detail = parts.length ? parts.join(': ') : text;
    } catch {
      detail = text;
    }
  } catch {
    // The body could not be read: the status says enough.
  }
  detail = detail.replace(/\s+/g, ' ').trim().slice(0, 300);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  // The app's own proxy (Vite, or the deployment's web server) answers 502/504 when the PACS
  // behind it is down.
  if (!detail && (response.status === 502 || response.status === 504)) {
    detail = 'a proxy or gateway could not reach the PACS behind it';
  }
  return detail ? `${status}: ${detail}` : status;
}

/**
 * Sends one request with the time limit, the caller's cancel signal, and the token when `url`
 * is on the configured origin. Non-2xx answers (except those in `acceptStatus`) become
 * HTTP_ERROR; network failures PACS_UNREACHABLE.
 */
export async function openRequest(
  resolved: ResolvedConfig,
  fetchImpl: FetchLike,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit },
  what: string,
  signal?: AbortSignal,
  acceptStatus: readonly number[] = [],
): Promise<OpenResponse> {
  if (signal?.aborted) throw new DicomWebError('CANCELLED', `${what}: cancelled.`);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => controller.abort(TIMEOUT), resolved.timeoutMs);
  };
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const finish = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
  };
  const toError = (error: unknown, during: string): DicomWebError => {
    if (error instanceof DicomWebError) return error;
    if (controller.signal.aborted) {
      return controller.signal.reason === TIMEOUT
        ? new DicomWebError(
            'TIMEOUT',
            `${during}: no answer from the PACS within ${(resolved.timeoutMs / 1000).toFixed(1)} s.`,
          )
        : new DicomWebError('CANCELLED', `${during}: cancelled.`);
    }
    const reason = error instanceof Error ? describeNetworkError(error) : String(error);
    return new DicomWebError(
      'PACS_UNREACHABLE',
      `${during}: the PACS cannot be reached (${reason}).`,
    );
  };

  const headers: Record<string, string> = { ...init.headers };
  if (resolved.bearerToken !== undefined && mayCarryToken(resolved, url)) {
    headers['Authorization'] = `Bearer ${resolved.bearerToken}`;
  }
  touch();
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: controller.signal,
      // Never send cookies to the PACS; the token is the only credential.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    finish();
    throw toError(error, what);
  }
  if (!response.ok && !acceptStatus.includes(response.status)) {
    let message: string;
    try {
      message = await describeHttpFailure(response);
    } finally {
      finish();
    }
    if (controller.signal.aborted) throw toError(new Error('aborted'), what);
    throw new DicomWebError('HTTP_ERROR', `${what}: the PACS answered ${message}`, response.status);
  }
  return { response, touch, finish, toError };
}

/** undici wraps the real cause (ECONNREFUSED…) in `cause`. */
function describeNetworkError(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

/** Reads the whole body as text under the same time limit. */
export async function readText(open: OpenResponse, what: string): Promise<string> {
  try {
    return await open.response.text();
  } catch (error) {
    throw open.toError(error, what);
  } finally {
    open.finish();
  }
}
