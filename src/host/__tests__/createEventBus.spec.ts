import { describe, expect, it } from 'vitest';
import { createEventBus } from '../createEventBus';

interface Events {
  ping: { n: number };
}

describe('createEventBus', () => {
  it('delivers details to every listener until disposed', () => {
    const errors: unknown[] = [];
    const bus = createEventBus<Events>((e) => errors.push(e));
    const seen: number[] = [];
    const first = bus.on('ping', (d) => seen.push(d.n));
    bus.on('ping', (d) => seen.push(d.n * 10));
    bus.emit('ping', { n: 1 });
    first.dispose();
    bus.emit('ping', { n: 2 });
    expect(seen).toEqual([1, 10, 20]);
    expect(errors).toEqual([]);
  });

  it('reports a throwing listener and still calls the others', () => {
    const errors: unknown[] = [];
    const bus = createEventBus<Events>((e) => errors.push(e));
    const seen: number[] = [];
    bus.on('ping', () => {
      throw new Error('faulty plugin');
    });
    bus.on('ping', (d) => seen.push(d.n));
    bus.emit('ping', { n: 3 });
    expect(seen).toEqual([3]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('faulty plugin');
  });
});
