/**
 * The three fixed Electron IPC channels that carry streams between preload and main. Calls use
 * one ipcMain.handle per contract channel; streams share these, keyed by an id the preload picks.
 */
export const streamIpc = {
  open: 'clair:stream:open',
  close: 'clair:stream:close',
  message: 'clair:stream:message',
} as const;
