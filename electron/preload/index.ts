import { contextBridge, ipcRenderer } from 'electron';

import { createBridge, type Result, type StreamListener, type StreamMessage, streamIpc } from '../contract';

const listeners = new Map<number, StreamListener<unknown>>();
let nextStream = 0;

ipcRenderer.on(streamIpc.message, (_event, data: { stream: number; message: StreamMessage<unknown> }) => {
  const listener = listeners.get(data.stream);
  if (data.message.type === 'end') listeners.delete(data.stream);
  listener?.(data.message);
});

// The page gets one object shaped by the contract, never ipcRenderer or a generic send.
contextBridge.exposeInMainWorld(
  'clair',
  createBridge({
    invoke: (channelId, payload) => ipcRenderer.invoke(channelId, payload) as Promise<Result<unknown>>,
    open: (channelId, payload, listener) => {
      const stream = nextStream++;
      listeners.set(stream, listener);
      ipcRenderer.send(streamIpc.open, { stream, channel: channelId, payload });
      return () => {
        if (!listeners.delete(stream)) return;
        ipcRenderer.send(streamIpc.close, { stream });
      };
    },
  }),
);
