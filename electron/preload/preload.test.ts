import { describe, expect, it, vi } from 'vitest';

// Electron's binary is not installed here: the preload's two Electron objects are recorded instead.
const exposed = vi.hoisted(() => [] as [string, unknown][]);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
  ipcRenderer: { on: vi.fn(), send: vi.fn(), invoke: vi.fn() },
}));

import { contract } from '../contract';

describe('the preload', () => {
  it('exposes window.clair, shaped by the contract, and nothing else', async () => {
    await import('./index');
    expect(exposed.map(([key]) => key)).toEqual(['clair']);
    const api = exposed[0]![1] as Record<string, Record<string, unknown>>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
    for (const [domain, channels] of Object.entries(contract)) {
      expect(Object.keys(api[domain]!).sort(), domain).toEqual(Object.keys(channels).sort());
      for (const member of Object.values(api[domain]!)) expect(typeof member).toBe('function');
    }
  });
});
