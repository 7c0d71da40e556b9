import { EventEmitter } from 'node:events';

import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is not installed here: ipcMain is replaced by a recorder of its handlers.
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  listeners: new Map<string, (event: unknown, message: unknown) => void>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
      ipc.handlers.set(channel, handler),
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => ipc.listeners.set(channel, listener),
  },
}));

import { allChannels, contract, streamIpc } from '../../contract';
import type { Dispatcher } from '../../core/ipc/dispatcher';
import { registerIpcRouter } from './ipc-router';

const dispatcher = {
  invoke: vi.fn<Dispatcher['invoke']>(async () => ({ ok: true, result: 'answered' })),
  open: vi.fn<Dispatcher['open']>(() => () => undefined),
};

/** An IPC event from a frame at `url`; `mainFrame` false makes it come from an iframe of the page. */
function eventFrom(url: string, mainFrame = true) {
  const sender = Object.assign(new EventEmitter(), { mainFrame: {}, isDestroyed: () => false, send: vi.fn() });
  const senderFrame = mainFrame ? sender.mainFrame : {};
  Object.assign(senderFrame, { url });
  return { sender, senderFrame };
}

const getInfo = contract.app.getInfo.id;

beforeAll(() => registerIpcRouter(dispatcher));
beforeEach(() => {
  dispatcher.invoke.mockClear();
  dispatcher.open.mockClear();
});

describe('the IPC router', () => {
  it('registers exactly the invoke channels of the contract', () => {
    const invokeIds = allChannels()
      .filter((channel) => channel.kind === 'invoke')
      .map((channel) => channel.id);
    expect([...ipc.handlers.keys()].sort()).toEqual(invokeIds.sort());
  });

  it("passes calls from the app page's top frame to the dispatcher, which validates the payload", async () => {
    const reply = await ipc.handlers.get(getInfo)!(eventFrom('app://clair/index.html'), { any: 'payload' });
    expect(reply).toEqual({ ok: true, result: 'answered' });
    expect(dispatcher.invoke).toHaveBeenCalledWith(getInfo, { any: 'payload' });
  });

  it('refuses calls from an iframe or from any other origin without running anything', async () => {
    for (const event of [
      eventFrom('app://clair/index.html', false),
      eventFrom('https://evil.example/'),
      eventFrom('file:///work/main/build/renderer/index.html'),
    ]) {
      expect(await ipc.handlers.get(getInfo)!(event, undefined)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(dispatcher.invoke).not.toHaveBeenCalled();
  });

  it('opens streams only for the trusted page and only with a well-formed message', () => {
    const open = ipc.listeners.get(streamIpc.open)!;
    const message = { stream: 1, channel: 'clair:activity:follow', payload: undefined };
    open(eventFrom('https://evil.example/'), message);
    open(eventFrom('app://clair/index.html'), { stream: -1, channel: 'clair:activity:follow' });
    open(eventFrom('app://clair/index.html'), 'garbage');
    expect(dispatcher.open).not.toHaveBeenCalled();

    open(eventFrom('app://clair/index.html'), message);
    expect(dispatcher.open).toHaveBeenCalledWith('clair:activity:follow', undefined, expect.any(Function));
  });
});
