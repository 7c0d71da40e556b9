import { contextBridge, ipcRenderer } from 'electron';

import { createBridge, type Result } from '../contract';

// The page gets one object shaped by the contract, never ipcRenderer or a generic send.
contextBridge.exposeInMainWorld(
  'clair',
  createBridge((channelId, payload) => ipcRenderer.invoke(channelId, payload) as Promise<Result<unknown>>),
);
