import { describe, expect, it } from 'vitest';
import type { HostApi, ViewerPlugin } from '../../plugin-api';
import { createPluginRegistry, type PluginError } from '../createPluginRegistry';

const host = {} as HostApi;
const Panel = () => null;

describe('createPluginRegistry', () => {
  it('collects panels with their plugin id and disposes on unregister', () => {
    let disposed = 0;
    const plugin: ViewerPlugin = {
      id: 'p',
      title: 'P',
      activate: () => ({ dispose: () => void disposed++ }),
      panels: [{ id: 'a', title: 'A', location: 'right', component: Panel }],
    };
    const registry = createPluginRegistry(host, () => undefined);
    const registration = registry.register(plugin);
    expect(registry.panels().map((p) => `${p.pluginId}/${p.id}`)).toEqual(['p/a']);
    registration.dispose();
    expect(disposed).toBe(1);
    expect(registry.panels()).toEqual([]);
  });

  it('contains a plugin whose activation throws, and refuses duplicate ids', () => {
    const errors: PluginError[] = [];
    const registry = createPluginRegistry(host, (e) => errors.push(e));
    registry.register({
      id: 'bad',
      title: 'Bad',
      activate: () => {
        throw new Error('boom');
      },
    });
    registry.register({ id: 'good', title: 'Good' });
    registry.register({ id: 'good', title: 'Again' });
    expect(errors.map((e) => e.code)).toEqual(['ACTIVATION_FAILED', 'DUPLICATE_PLUGIN']);
    expect(registry.plugins().map((p) => p.id)).toEqual(['good']);
  });
});
