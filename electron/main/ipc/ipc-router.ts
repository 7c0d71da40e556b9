import { ipcMain } from 'electron';

import { contract, type InvokeChannel, type Result } from '../../contract';
import type { Dispatch } from '../../core/ipc/dispatcher';
import { isTrustedSender } from '../security/app-origin';

/**
 * Registers every contract channel with ipcMain. Each call is checked for its sender before the
 * shared dispatcher validates the payload and runs the handler.
 */
export function registerIpcRouter(dispatch: Dispatch): void {
  const channels = Object.values(contract).flatMap((domain) => Object.values(domain) as InvokeChannel[]);
  for (const channel of channels) {
    ipcMain.handle(channel.id, async (event, payload: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame?.url, frame !== null && frame === event.sender.mainFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      }
      return dispatch(channel.id, payload);
    });
  }
}
