import {
  DEFAULT_RETRY_POLICY,
  asSentence,
  classifyStoreFailure,
  computeRetryDelayMs,
  describeDicomWebFailure,
  type RetryPolicy,
} from './outboxRetry';
import type { DicomWebClient } from './types';

/**
 * One object waiting to be stored on a PACS. It keeps everything needed to send it again after a
 * reload or a killed browser: the bytes, and the server it was meant for (never the token).
 */
export interface OutboxEntry {
  readonly id: string;
  /** File name, for people (and for saving it by hand). */
  readonly name: string;
  /** What it is, for people: `SEG`, `SR`. */
  readonly kind: string;
  readonly sopInstanceUid: string;
  readonly bytes: Uint8Array;
  /** The DICOMweb root it is to be stored on (the configured one when it was sent). */
  readonly serverUrl: string;
  /** ISO time the user sent it. */
  readonly createdAt: string;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** Epoch ms of the next automatic attempt; null when it waits for the user. */
  readonly nextAttemptAt: number | null;
}

/** Durable storage of the entries (IndexedDB in the app: outboxStore.ts). */
export interface OutboxStore {
  list(): Promise<readonly OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The configured PACS, as the outbox sees it. */
export interface OutboxTarget {
  readonly baseUrl: string;
  readonly client: Pick<DicomWebClient, 'store'>;
}

/** An object the user asked to send. */
export interface OutgoingObject {
  readonly name: string;
  readonly kind: string;
  readonly sopInstanceUid: string;
  readonly bytes: Uint8Array;
}

/** What became of one sent object. */
export interface SendOutcome {
  readonly name: string;
  readonly kind: string;
  readonly sopInstanceUid: string;
  /** stored: on the server; queued: waits in the outbox and is retried; failed: refused, kept for the user. */
  readonly status: 'stored' | 'queued' | 'failed';
  readonly message: string;
}

/** What an export panel needs to send objects to the configured PACS (through the outbox). */
export interface PacsSender {
  /** The configured DICOMweb root, for people. */
  readonly serverUrl: string;
  send(objects: readonly OutgoingObject[]): Promise<readonly SendOutcome[]>;
}

export type EntryStatus =
  /** Retried automatically at `nextAttemptAt`. */
  | 'waiting'
  /** Refused or not sendable as is; waits for Retry now / Discard. */
  | 'attention'
  /** Meant for another server than the configured one: sent only when the user says so. */
  | 'other-server'
  /** No PACS is configured. */
  | 'no-server';

export interface OutboxState {
  /** False until the stored entries have been read. */
  readonly loaded: boolean;
  readonly entries: ReadonlyArray<OutboxEntry & { readonly status: EntryStatus }>;
  /** An attempt is under way. */
  readonly sending: boolean;
  /** The most recent failure (sending or storing), for the indicator. */
  readonly lastError: string | null;
}

export interface Outbox {
  getState(): OutboxState;
  subscribe(listener: () => void): () => void;
  /** Reads the stored entries and sends those due (app start); retries when the browser comes back online. */
  start(): Promise<void>;
  /** Keeps the objects durably in the outbox, then sends them to the configured PACS at once. */
  send(objects: readonly OutgoingObject[]): Promise<readonly SendOutcome[]>;
  /** Sends every entry meant for the configured server now, refused ones included. */
  retryNow(): Promise<void>;
  /** Re-targets one entry to the configured server and sends it (an explicit user choice). */
  sendToConfiguredServer(id: string): Promise<void>;
  discard(id: string): Promise<void>;
  /** The configuration changed: re-evaluate which entries can be sent, and send those due. */
  targetChanged(): void;
  dispose(): void;
}

export interface OutboxOptions {
  readonly store: OutboxStore;
  /** The configured PACS, or null. Read at every attempt. */
  readonly target: () => OutboxTarget | null;
  readonly policy?: RetryPolicy;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly newId?: () => string;
  readonly setTimer?: (run: () => void, delayMs: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** Where `online` is announced (window in the app). */
  readonly events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /**
   * Runs a round of attempts exclusively among every outbox on this storage (other tabs):
   * default the Web Locks API where present, so two tabs never send the same entry at once.
   */
  readonly withLock?: <T>(work: () => Promise<T>) => Promise<T>;
}

const LOCK_NAME = 'liver-lesion-review-outbox';

async function webLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(LOCK_NAME, work) : work();
}

export class OutboxError extends Error {
  constructor(
    readonly code: 'NO_PACS_CONFIGURED' | 'OUTBOX_STORE_FAILED' | 'ENTRY_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

/** DICOMweb roots compare equal with or without a trailing slash. */
export const sameServer = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The STOW-RS outbox: an object the user sends is first written durably, then sent; it leaves the
 * outbox only once the server confirmed it. Transient failures are retried with exponential
 * backoff, at start and when the browser comes back online; objects meant for another server
 * than the configured one wait for the user. Attempts run one at a time.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store } = options;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const events =
    options.events === undefined ? (typeof window === 'undefined' ? null : window) : options.events;
  const withLock = options.withLock ?? webLock;

  const entries = new Map<string, OutboxEntry>();
  const listeners = new Set<() => void>();
  let loaded = false;
  let sending = false;
  let lastError: string | null = null;
  let timer: unknown = null;
  let disposed = false;
  // Entries whose last write to storage failed: kept in memory, not dropped by a sync.
  const unsaved = new Set<string>();
  // Attempts are serialised: one STOW-RS at a time, never two for the same entry.
  let queue: Promise<unknown> = Promise.resolve();

  const statusOf = (entry: OutboxEntry, target: OutboxTarget | null): EntryStatus => {
    if (!target) return 'no-server';
    if (!sameServer(entry.serverUrl, target.baseUrl)) return 'other-server';
    return entry.nextAttemptAt === null ? 'attention' : 'waiting';
  };

  let state: OutboxState = { loaded, entries: [], sending, lastError };
  const publish = (): void => {
    const target = options.target();
    state = {
      loaded,
      sending,
      lastError,
      entries: [...entries.values()]
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((entry) => ({ ...entry, status: statusOf(entry, target) })),
    };
    for (const listener of listeners) listener();
  };

  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const persist = async (entry: OutboxEntry): Promise<void> => {
    entries.set(entry.id, entry);
    try {
      await store.put(entry);
      unsaved.delete(entry.id);
    } catch (error) {
      unsaved.add(entry.id);
      lastError = `The outbox could not be saved in the browser: ${describeDicomWebFailure(error)}`;
    }
  };

  const forget = async (id: string): Promise<void> => {
    entries.delete(id);
    unsaved.delete(id);
    try {
      await store.remove(id);
    } catch (error) {
      lastError = `The outbox could not be updated in the browser: ${describeDicomWebFailure(error)}`;
    }
  };

  /** One STOW-RS attempt of one entry; the entry is updated (or removed) durably. */
  const attempt = async (entry: OutboxEntry, target: OutboxTarget): Promise<SendOutcome> => {
    const base = { name: entry.name, kind: entry.kind, sopInstanceUid: entry.sopInstanceUid };
    const attempts = entry.attempts + 1;
    try {
      const results = await target.client.store([
        { sopInstanceUid: entry.sopInstanceUid, bytes: entry.bytes },
      ]);
      const result =
        results.find((r) => r.sopInstanceUid === entry.sopInstanceUid) ?? results[0] ?? null;
      if (result?.ok) {
        await forget(entry.id);
        return { ...base, status: 'stored', message: result.message || 'stored' };
      }
      const reason = asSentence(
        result
          ? `The PACS refused it: ${result.message}`
          : 'The PACS did not report on this object',
      );
      lastError = `${entry.name}: ${reason}`;
      await persist({ ...entry, attempts, lastError: reason, nextAttemptAt: null });
      return { ...base, status: 'failed', message: `${reason} Kept in the outbox.` };
    } catch (error) {
      const kind = classifyStoreFailure(error);
      const reason = describeDicomWebFailure(error);
      if (kind === 'cancelled') return { ...base, status: 'queued', message: reason };
      lastError = `${entry.name}: ${reason}`;
      if (kind === 'attention') {
        await persist({ ...entry, attempts, lastError: reason, nextAttemptAt: null });
        return { ...base, status: 'failed', message: `${reason} Kept in the outbox.` };
      }
      const delayMs = computeRetryDelayMs(attempts, policy, random);
      await persist({ ...entry, attempts, lastError: reason, nextAttemptAt: now() + delayMs });
      return {
        ...base,
        status: 'queued',
        message: `${reason} Retried automatically in ${Math.round(delayMs / 1000)} s.`,
      };
    }
  };

  /** Takes in what other tabs did: entries they sent are gone, entries they added appear. */
  const syncFromStore = async (): Promise<void> => {
    let stored: readonly OutboxEntry[];
    try {
      stored = await store.list();
    } catch {
      return;
    }
    const next = new Map(stored.map((entry) => [entry.id, entry] as const));
    for (const id of unsaved) {
      const entry = entries.get(id);
      if (entry && !next.has(id)) next.set(id, entry);
    }
    entries.clear();
    for (const [id, entry] of next) entries.set(id, entry);
  };

  /** Runs the attempts of the chosen entries that are meant for the configured server. */
  const run = (pick: (entry: OutboxEntry) => boolean): Promise<Map<string, SendOutcome>> =>
    exclusive(() => withLock(() => runRound(pick)));

  const runRound = async (
    pick: (entry: OutboxEntry) => boolean,
  ): Promise<Map<string, SendOutcome>> => {
    const outcomes = new Map<string, SendOutcome>();
    if (loaded) await syncFromStore();
    const target = options.target();
    const due = [...entries.values()].filter(
      (entry) => target && sameServer(entry.serverUrl, target.baseUrl) && pick(entry),
    );
    if (!target || due.length === 0 || disposed) {
      schedule();
      publish();
      return outcomes;
    }
    sending = true;
    publish();
    try {
      for (const entry of due) {
        if (disposed) break;
        const current = entries.get(entry.id);
        if (!current) continue;
        outcomes.set(entry.id, await attempt(current, target));
        publish();
      }
    } finally {
      sending = false;
      if (entries.size === 0) lastError = null;
      schedule();
      publish();
    }
    return outcomes;
  };

  /** Arms one timer for the earliest automatic attempt. */
  function schedule(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (disposed) return;
    const target = options.target();
    const times = [...entries.values()]
      .filter((e) => target && sameServer(e.serverUrl, target.baseUrl))
      .map((e) => e.nextAttemptAt)
      .filter((t): t is number => t !== null);
    if (times.length === 0) return;
    const delay = Math.max(0, Math.min(...times) - now());
    timer = setTimer(() => {
      timer = null;
      void run((entry) => entry.nextAttemptAt !== null && entry.nextAttemptAt <= now());
    }, delay);
  }

  const sendWaiting = (): void => {
    void run((entry) => entry.nextAttemptAt !== null);
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      try {
        for (const entry of await store.list()) entries.set(entry.id, entry);
      } catch (error) {
        lastError = `The outbox could not be read from the browser: ${describeDicomWebFailure(error)}`;
      }
      loaded = true;
      publish();
      events?.addEventListener('online', sendWaiting);
      // At start every waiting entry is tried at once, whatever its backoff said.
      await run((entry) => entry.nextAttemptAt !== null);
    },
    async send(objects) {
      const target = options.target();
      if (!target) throw new OutboxError('NO_PACS_CONFIGURED', 'No PACS is configured.');
      const created = new Date(now()).toISOString();
      const fresh = objects.map((object): OutboxEntry => ({
        id: newId(),
        name: object.name,
        kind: object.kind,
        sopInstanceUid: object.sopInstanceUid,
        bytes: object.bytes,
        serverUrl: target.baseUrl,
        createdAt: created,
        attempts: 0,
        lastError: null,
        nextAttemptAt: now(),
      }));
      // Durable first: a crash during the upload still leaves the objects in the outbox.
      for (const entry of fresh) await persist(entry);
      publish();
      const ids = new Set(fresh.map((e) => e.id));
      const outcomes = await run((entry) => ids.has(entry.id));
      return fresh.map(
        (entry): SendOutcome =>
          outcomes.get(entry.id) ?? {
            name: entry.name,
            kind: entry.kind,
            sopInstanceUid: entry.sopInstanceUid,
            status: 'queued',
            message: 'Waiting in the outbox',
          },
      );
    },
    async retryNow() {
      await run(() => true);
    },
    async sendToConfiguredServer(id) {
      const target = options.target();
      const entry = entries.get(id);
      if (!target) throw new OutboxError('NO_PACS_CONFIGURED', 'No PACS is configured.');
      if (!entry)
        throw new OutboxError('ENTRY_NOT_FOUND', 'This object is no longer in the outbox.');
      await persist({ ...entry, serverUrl: target.baseUrl, nextAttemptAt: now() });
      publish();
      await run((e) => e.id === id);
    },
    async discard(id) {
      await exclusive(() => forget(id));
      if (entries.size === 0) lastError = null;
      schedule();
      publish();
    },
    targetChanged() {
      publish();
      schedule();
      if (loaded) sendWaiting();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      events?.removeEventListener('online', sendWaiting);
    },
  };
}
