import { type IpcMainEvent, type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { z } from 'zod';

import { allChannels, type Result, streamIpc, type Unsubscribe } from '../../contract';
import type { Dispatcher } from '../../core/ipc/dispatcher';
import { isTrustedSender } from '../security/app-origin';

const OpenMessage = z.object({ stream: z.number().int().nonnegative(), channel: z.string(), payload: z.unknown() });
const CloseMessage = z.object({ stream: z.number().int().nonnegative() });

function fromTrustedFrame(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(frame?.url, frame !== null && frame === event.sender.mainFrame);
}

/**
 * Registers every contract channel with ipcMain. Each call and each stream is checked for its
 * sender before the shared dispatcher validates the payload and runs the handler.
 */
export function registerIpcRouter(dispatcher: Dispatcher): void {
  for (const channel of allChannels()) {
    if (channel.kind !== 'invoke') continue;
    ipcMain.handle(channel.id, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!fromTrustedFrame(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      }
      return dispatcher.invoke(channel.id, payload);
    });
  }

  const streamsByPage = new Map<WebContents, Map<number, Unsubscribe>>();
  const streamsOf = (page: WebContents): Map<number, Unsubscribe> => {
    let streams = streamsByPage.get(page);
    if (!streams) {
      streams = new Map();
      streamsByPage.set(page, streams);
      // A reload or a closed window leaves no producer running.
      const closeAll = (): void => {
        for (const unsubscribe of streams!.values()) unsubscribe();
        streams!.clear();
      };
      page.once('destroyed', () => {
        closeAll();
        streamsByPage.delete(page);
      });
      page.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) closeAll();
      });
    }
    return streams;
  };

  ipcMain.on(streamIpc.open, (event, raw: unknown) => {
    const open = OpenMessage.safeParse(raw);
    if (!fromTrustedFrame(event) || !open.success) return;
    const page = event.sender;
    const streams = streamsOf(page);
    const { stream } = open.data;
    streams.get(stream)?.();
    let ended = false;
    const unsubscribe = dispatcher.open(open.data.channel, open.data.payload, (message) => {
      if (message.type === 'end') {
        ended = true;
        streams.delete(stream);
      }
      if (!page.isDestroyed()) page.send(streamIpc.message, { stream, message });
    });
    // An invalid request ends the stream before open returns.
    if (!ended) streams.set(stream, unsubscribe);
  });

  ipcMain.on(streamIpc.close, (event, raw: unknown) => {
    const close = CloseMessage.safeParse(raw);
    if (!fromTrustedFrame(event) || !close.success) return;
    const streams = streamsByPage.get(event.sender);
    streams?.get(close.data.stream)?.();
    streams?.delete(close.data.stream);
  });
}
