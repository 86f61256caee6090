import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxEntry, type OutboxStore, type OutboxTarget } from '../outbox';
import { DicomWebError, type StoreResult } from '../types';

/**
 * The outbox's scheduling against a stand-in STOW-RS endpoint (the real client against a real
 * Orthanc is exercised by test/browser/pacs.browser.spec.ts). Storage is a Map that copies on
 * write, as IndexedDB does; the IndexedDB store itself is tested in the browser test.
 */
function memoryStore(): OutboxStore & { readonly records: Map<string, OutboxEntry> } {
  const records = new Map<string, OutboxEntry>();
  return {
    records,
    list: () => Promise.resolve([...records.values()].map((e) => structuredClone(e))),
    put: (entry) => {
      records.set(entry.id, structuredClone(entry));
      return Promise.resolve();
    },
    remove: (id) => {
      records.delete(id);
      return Promise.resolve();
    },
  };
}

type ServerMode = 'up' | 'down' | 'http500' | 'refuse' | 'http401';

/** A PACS stand-in that records what reached it. */
function server(baseUrl: string) {
  let mode: ServerMode = 'up';
  const received: Array<{ sopInstanceUid: string; bytes: Uint8Array }> = [];
  const target: OutboxTarget = {
    baseUrl,
    client: {
      store(files) {
        const calls = files.map((f) => ({ sopInstanceUid: f.sopInstanceUid, bytes: f.bytes }));
        if (mode === 'down')
          return Promise.reject(new DicomWebError('PACS_UNREACHABLE', 'connection refused'));
        if (mode === 'http500')
          return Promise.reject(new DicomWebError('HTTP_ERROR', 'HTTP 500 from the PACS', 500));
        if (mode === 'http401')
          return Promise.reject(new DicomWebError('HTTP_ERROR', 'HTTP 401 from the PACS', 401));
        received.push(...calls);
        return Promise.resolve(
          calls.map((c): StoreResult =>
            mode === 'refuse'
              ? { sopInstanceUid: c.sopInstanceUid, ok: false, message: 'failure reason 0xC000' }
              : { sopInstanceUid: c.sopInstanceUid, ok: true, message: 'stored' },
          ),
        );
      },
    },
  };
  return {
    target,
    received,
    set mode(next: ServerMode) {
      mode = next;
    },
  };
}

/** A hand-driven clock with one-shot timers. */
function clock(start = 1_000_000) {
  let time = start;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  return {
    now: () => time,
    setTimer: (run: () => void, delayMs: number) => {
      const id = next++;
      timers.set(id, { at: time + delayMs, run });
      return id;
    },
    clearTimer: (handle: unknown) => void timers.delete(handle as number),
    /** Due times of the armed timers, relative to now. */
    pending: () => [...timers.values()].map((t) => t.at - time),
    /** Moves time forward, running the timers that fall due. */
    async advance(ms: number) {
      time += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= time) {
          timers.delete(id);
          timer.run();
        }
      }
      // Let the attempt the timer started settle.
      for (let i = 0; i < 20; i++) await Promise.resolve();
    },
  };
}

const object = (n: number) => ({
  name: `object-${n}.dcm`,
  kind: n === 1 ? 'SEG' : 'SR',
  sopInstanceUid: `2.25.${n}`,
  bytes: new Uint8Array([n, 1, 2, 3, 250, 251]),
});

/** One lock shared by the outboxes of several tabs (Web Locks in the app). */
function mutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}

function setup(
  options: {
    store?: ReturnType<typeof memoryStore>;
    url?: string;
    lock?: ReturnType<typeof mutex>;
  } = {},
) {
  const store = options.store ?? memoryStore();
  const pacs = server(options.url ?? '/dicom-web');
  let target: OutboxTarget | null = pacs.target;
  const time = clock();
  const events = new EventTarget();
  let id = 0;
  const outbox = createOutbox({
    store,
    target: () => target,
    now: time.now,
    random: () => 0.5,
    newId: () => `entry-${++id}`,
    setTimer: time.setTimer,
    clearTimer: time.clearTimer,
    events,
    policy: { baseDelayMs: 5_000, maxDelayMs: 300_000, jitter: 0.2 },
    withLock: options.lock ?? mutex(),
  });
  return {
    store,
    pacs,
    time,
    events,
    outbox,
    setTarget(next: OutboxTarget | null) {
      target = next;
      outbox.targetChanged();
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('createOutbox', () => {
  it('stores objects on a running server and keeps nothing', async () => {
    const { outbox, pacs, store } = setup();
    await outbox.start();
    const outcomes = await outbox.send([object(1), object(2)]);
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['object-1.dcm', 'stored'],
      ['object-2.dcm', 'stored'],
    ]);
    expect(pacs.received.map((r) => r.sopInstanceUid)).toEqual(['2.25.1', '2.25.2']);
    expect(store.records.size).toBe(0);
    expect(outbox.getState().entries).toEqual([]);
  });

  it('keeps the objects while the server is down and retries with doubling waits', async () => {
    const { outbox, pacs, store, time } = setup();
    await outbox.start();
    pacs.mode = 'down';
    const outcomes = await outbox.send([object(1), object(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['queued', 'queued']);
    expect(outcomes[0]!.message).toBe(
      'connection refused (PACS_UNREACHABLE). Is the PACS running and reachable? Retried automatically in 5 s.',
    );

    // Durable: bytes, target server, created time, attempts and last error are kept.
    const stored = [...store.records.values()];
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      name: 'object-1.dcm',
      serverUrl: '/dicom-web',
      createdAt: new Date(1_000_000).toISOString(),
      attempts: 1,
      lastError: 'connection refused (PACS_UNREACHABLE). Is the PACS running and reachable?',
      nextAttemptAt: 1_000_000 + 5_000,
    });
    expect([...stored[0]!.bytes]).toEqual([1, 1, 2, 3, 250, 251]);
    expect(outbox.getState().entries.map((e) => e.status)).toEqual(['waiting', 'waiting']);
    expect(outbox.getState().lastError).toContain('connection refused');
    expect(time.pending()).toEqual([5_000]);

    // Not before the wait is over.
    await time.advance(4_999);
    expect(store.records.get('entry-1')!.attempts).toBe(1);
    // Second failure: the next wait doubles to 10 s.
    await time.advance(1);
    expect(store.records.get('entry-1')!.attempts).toBe(2);
    expect(time.pending()).toEqual([10_000]);
    // HTTP 500 (a proxy in front of a stopped PACS) is retried as well: 20 s next.
    pacs.mode = 'http500';
    await time.advance(10_000);
    expect(store.records.get('entry-1')).toMatchObject({
      attempts: 3,
      lastError: 'HTTP 500 from the PACS (HTTP_ERROR).',
    });
    expect(time.pending()).toEqual([20_000]);

    pacs.mode = 'up';
    await time.advance(20_000);
    expect(store.records.size).toBe(0);
    expect(outbox.getState().entries).toEqual([]);
    expect(outbox.getState().lastError).toBeNull();
    expect(time.pending()).toEqual([]);
    // Each object reached the server once, with its original bytes.
    expect(pacs.received.map((r) => [r.sopInstanceUid, [...r.bytes]])).toEqual([
      ['2.25.1', [1, 1, 2, 3, 250, 251]],
      ['2.25.2', [2, 1, 2, 3, 250, 251]],
    ]);
  });

  it('sends what a previous page left in the outbox as soon as it starts', async () => {
    const first = setup();
    await first.outbox.start();
    first.pacs.mode = 'down';
    await first.outbox.send([object(1)]);
    first.outbox.dispose();

    // A reload: a new outbox over the same storage, its backoff not yet over.
    const second = setup({ store: first.store });
    await second.outbox.start();
    await settle();
    expect(second.pacs.received.map((r) => r.sopInstanceUid)).toEqual(['2.25.1']);
    expect(first.store.records.size).toBe(0);
  });

  it('retries waiting objects when the browser comes back online', async () => {
    const { outbox, pacs, store, events } = setup();
    await outbox.start();
    pacs.mode = 'down';
    await outbox.send([object(1)]);
    pacs.mode = 'up';
    events.dispatchEvent(new Event('online'));
    await settle();
    expect(store.records.size).toBe(0);
    expect(pacs.received).toHaveLength(1);
  });

  it('keeps a refused object for the user instead of retrying it', async () => {
    const { outbox, pacs, store, time } = setup();
    await outbox.start();
    pacs.mode = 'refuse';
    const [outcome] = await outbox.send([object(1)]);
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'The PACS refused it: failure reason 0xC000. Kept in the outbox.',
    });
    expect(store.records.get('entry-1')).toMatchObject({ attempts: 1, nextAttemptAt: null });
    expect(outbox.getState().entries[0]!.status).toBe('attention');
    expect(time.pending()).toEqual([]);
    await time.advance(3_600_000);
    expect(pacs.received).toHaveLength(1);

    // Retry now sends it again.
    pacs.mode = 'up';
    await outbox.retryNow();
    expect(pacs.received).toHaveLength(2);
    expect(store.records.size).toBe(0);
  });

  it('waits for the user on an authorisation failure', async () => {
    const { outbox, pacs, time } = setup();
    await outbox.start();
    pacs.mode = 'http401';
    const [outcome] = await outbox.send([object(1)]);
    expect(outcome!.status).toBe('failed');
    expect(outbox.getState().entries[0]!.status).toBe('attention');
    expect(time.pending()).toEqual([]);
  });

  it('never sends an object to another server than the one it was sent to', async () => {
    const { outbox, pacs, store, setTarget } = setup();
    await outbox.start();
    pacs.mode = 'down';
    await outbox.send([object(1)]);

    const other = server('https://other.example/dicom-web');
    setTarget(other.target);
    await settle();
    await outbox.retryNow();
    expect(other.received).toEqual([]);
    expect(outbox.getState().entries[0]).toMatchObject({
      status: 'other-server',
      serverUrl: '/dicom-web',
    });

    // Only an explicit choice re-targets it.
    await outbox.sendToConfiguredServer('entry-1');
    expect(other.received.map((r) => r.sopInstanceUid)).toEqual(['2.25.1']);
    expect(store.records.size).toBe(0);
  });

  it('holds objects while no PACS is configured and sends them once it is back', async () => {
    const { outbox, pacs, store, setTarget } = setup();
    await outbox.start();
    pacs.mode = 'down';
    await outbox.send([object(1)]);
    setTarget(null);
    expect(outbox.getState().entries[0]!.status).toBe('no-server');
    pacs.mode = 'up';
    // The same server configured again (a trailing slash does not make it another one).
    setTarget({ ...pacs.target, baseUrl: '/dicom-web/' });
    await settle();
    expect(store.records.size).toBe(0);
  });

  it('never sends one object twice at the same time', async () => {
    const { outbox, pacs, store } = setup();
    await outbox.start();
    pacs.mode = 'down';
    await outbox.send([object(1)]);
    pacs.mode = 'up';
    await Promise.all([outbox.retryNow(), outbox.retryNow(), outbox.retryNow()]);
    expect(pacs.received).toHaveLength(1);
    expect(store.records.size).toBe(0);
  });

  it('sends an object once when two tabs retry it at the same time', async () => {
    const lock = mutex();
    const first = setup({ lock });
    await first.outbox.start();
    first.pacs.mode = 'down';
    await first.outbox.send([object(1)]);
    // A second tab on the same storage, started while the server is down.
    const second = setup({ store: first.store, lock });
    second.pacs.mode = 'down';
    await second.outbox.start();
    expect(second.outbox.getState().entries.map((e) => e.sopInstanceUid)).toEqual(['2.25.1']);

    first.pacs.mode = 'up';
    second.pacs.mode = 'up';
    await Promise.all([first.outbox.retryNow(), second.outbox.retryNow()]);
    expect(first.pacs.received.length + second.pacs.received.length).toBe(1);
    expect(first.store.records.size).toBe(0);
    // The tab that did not send learns that the object is gone.
    await first.outbox.retryNow();
    await second.outbox.retryNow();
    expect(first.outbox.getState().entries).toEqual([]);
    expect(second.outbox.getState().entries).toEqual([]);
  });

  it('keeps an object in memory when the browser storage fails', async () => {
    const store = memoryStore();
    const broken: typeof store = {
      ...store,
      put: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const { outbox, pacs } = setup({ store: broken as ReturnType<typeof memoryStore> });
    await outbox.start();
    pacs.mode = 'down';
    await outbox.send([object(1)]);
    expect(outbox.getState().lastError).toContain('QuotaExceededError');
    // A later round (which re-reads the storage) still has it, and sends it.
    pacs.mode = 'up';
    await outbox.retryNow();
    expect(pacs.received.map((r) => r.sopInstanceUid)).toEqual(['2.25.1']);
  });

  it('discards an object only when asked', async () => {
    const { outbox, pacs, store, time } = setup();
    await outbox.start();
    pacs.mode = 'down';
    await outbox.send([object(1)]);
    await outbox.discard('entry-1');
    expect(store.records.size).toBe(0);
    expect(outbox.getState()).toMatchObject({ entries: [], lastError: null });
    expect(time.pending()).toEqual([]);
  });

  it('refuses to send without a configured PACS', async () => {
    const { outbox, setTarget } = setup();
    await outbox.start();
    setTarget(null);
    await expect(outbox.send([object(1)])).rejects.toMatchObject({ code: 'NO_PACS_CONFIGURED' });
  });
});
