// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleAutosave } from '../autosave';

/** A session stand-in: numbered changes, and the change number each save wrote. */
function harness(options: { failures?: number } = {}) {
  const listeners = new Set<() => void>();
  let version = 0;
  let failuresLeft = options.failures ?? 0;
  const saves: Array<{ at: number; version: number; ok: boolean }> = [];
  const errors: unknown[] = [];
  const stop = scheduleAutosave(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => {
      const ok = failuresLeft === 0;
      saves.push({ at: Date.now(), version, ok });
      if (ok) return Promise.resolve();
      failuresLeft--;
      return Promise.reject(new Error('QuotaExceededError'));
    },
    (error) => errors.push(error),
    1000,
  );
  return {
    saves,
    errors,
    stop,
    /** One edit: returns its number and time. */
    change(): { version: number; at: number } {
      version++;
      for (const listener of listeners) listener();
      return { version, at: Date.now() };
    },
  };
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('scheduleAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
    setVisibility('visible');
  });

  it('saves every change within 1 s of it, also while changes keep coming', async () => {
    const h = harness();
    const changes: Array<{ version: number; at: number }> = [];
    // Continuous editing: a change every 150 ms for 6 s, then a pause.
    for (let t = 0; t < 6000; t += 150) {
      changes.push(h.change());
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(5000);
    for (const change of changes) {
      const covering = h.saves.find((s) => s.version >= change.version);
      expect(covering, `change ${change.version}`).toBeDefined();
      expect(covering!.at - change.at).toBeLessThanOrEqual(1000);
    }
    // About one save per second of editing, not one per change; none once editing stops.
    expect(h.saves.length).toBeGreaterThanOrEqual(6);
    expect(h.saves.length).toBeLessThanOrEqual(7);
    expect(h.saves.at(-1)!.version).toBe(changes.at(-1)!.version);
    h.stop();
  });

  it('does not save when nothing changed', async () => {
    const h = harness();
    await vi.advanceTimersByTimeAsync(10_000);
    setVisibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    expect(h.saves).toEqual([]);
    h.stop();
  });

  it('saves at once when the page is hidden or closed', () => {
    const h = harness();
    h.change();
    setVisibility('hidden');
    expect(h.saves).toEqual([{ at: 0, version: 1, ok: true }]);
    setVisibility('visible');
    h.change();
    window.dispatchEvent(new Event('pagehide'));
    expect(h.saves.map((s) => s.version)).toEqual([1, 2]);
    h.stop();
  });

  it('retries a failed save 1 s later and reports the failure once', async () => {
    const h = harness({ failures: 2 });
    const change = h.change();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.saves).toEqual([
      { at: change.at + 1000, version: 1, ok: false },
      { at: change.at + 2000, version: 1, ok: false },
      { at: change.at + 3000, version: 1, ok: true },
    ]);
    expect(h.errors).toHaveLength(1);
    h.stop();
  });

  it('saves a pending change when stopped, and never after', async () => {
    const h = harness();
    h.change();
    h.stop();
    expect(h.saves.map((s) => s.version)).toEqual([1]);
    h.change();
    await vi.advanceTimersByTimeAsync(5000);
    window.dispatchEvent(new Event('pagehide'));
    expect(h.saves).toHaveLength(1);
  });
});
