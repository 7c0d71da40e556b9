import { type IpcMainEvent, type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { z } from 'zod';

import { allChannels, type Result, streamIpc } from '../../contract';
import type { Dispatcher } from '../../core/ipc/dispatcher';
import { createPageStreams, type PageStreams } from '../../core/ipc/page-streams';
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

  const streamsByPage = new Map<WebContents, PageStreams>();
  const streamsOf = (page: WebContents): PageStreams => {
    let streams = streamsByPage.get(page);
    if (!streams) {
      const opened = createPageStreams(dispatcher, (stream, message) => {
        if (!page.isDestroyed()) page.send(streamIpc.message, { stream, message });
      });
      streamsByPage.set(page, opened);
      // A reload or a closed window leaves no producer running.
      page.once('destroyed', () => {
        opened.closeAll();
        streamsByPage.delete(page);
      });
      page.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) opened.closeAll();
      });
      streams = opened;
    }
    return streams;
  };

  ipcMain.on(streamIpc.open, (event, raw: unknown) => {
    const open = OpenMessage.safeParse(raw);
    if (!fromTrustedFrame(event) || !open.success) return;
    streamsOf(event.sender).open(open.data.stream, open.data.channel, open.data.payload);
  });

  ipcMain.on(streamIpc.close, (event, raw: unknown) => {
    const close = CloseMessage.safeParse(raw);
    if (!fromTrustedFrame(event) || !close.success) return;
    streamsByPage.get(event.sender)?.close(close.data.stream);
  });
}
