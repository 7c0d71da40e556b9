import { type ClairApi, type ClairBridge, createApi, createBridge } from '../../../electron/contract';
import { createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    clair?: ClairBridge;
  }
}

const tokenKey = 'clair.host-token';

/**
 * The per-launch token of browser mode arrives in the URL fragment. Keep it for reloads of this
 * tab only, and take it out of the address bar so it is not copied around.
 */
function takeHostToken(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

/** The only module that touches window.clair; everything else in the renderer imports this. */
export const clair: ClairApi = createApi(window.clair ?? createBridge(createWebSocketTransport(takeHostToken())));
