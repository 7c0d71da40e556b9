/**
 * The renderer's Content-Security-Policy, declared once: Vite writes it into index.html, and the
 * Electron protocol handler and the browser host also send it as a header. It starts from nothing
 * and allows only the app's own scripts and styles. `connect-src 'self'` lets the browser-mode
 * renderer reach the host's WebSocket on its own origin (CSP3 matches ws: to the page's http:).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Only enforceable as a header, not in a meta tag. */
export const frameAncestorsNone = "frame-ancestors 'none'";
