import type { StreamMessage, Unsubscribe } from '../../contract';
import type { Dispatcher } from './dispatcher';

/** The streams one page has open, by the ids the page chose. */
export interface PageStreams {
  /** Opens a stream under `id`, ending one the page had under that id. */
  open: (id: number, channel: string, payload: unknown) => void;
  close: (id: number) => void;
  /** Ends every stream of the page: it reloaded, navigated away or closed. */
  closeAll: () => void;
}

/**
 * The bookkeeping Electron's IPC router and the browser host share: each page's open streams,
 * forgotten when they end on their own, so that closing the page leaves no producer running.
 */
export function createPageStreams(
  dispatcher: Dispatcher,
  send: (id: number, message: StreamMessage<unknown>) => void,
): PageStreams {
  const streams = new Map<number, Unsubscribe>();
  const close = (id: number): void => {
    streams.get(id)?.();
    streams.delete(id);
  };
  return {
    open: (id, channel, payload) => {
      close(id);
      let ended = false;
      const unsubscribe = dispatcher.open(channel, payload, (message) => {
        if (message.type === 'end') {
          ended = true;
          streams.delete(id);
        }
        send(id, message);
      });
      // An invalid request ends the stream before open returns.
      if (!ended) streams.set(id, unsubscribe);
    },
    close,
    closeAll: () => {
      for (const unsubscribe of streams.values()) unsubscribe();
      streams.clear();
    },
  };
}
