import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

import { contentSecurityPolicy } from './electron/core/security/content-security-policy.ts';

/** Writes the one CSP declaration into index.html's meta tag. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'clair-csp',
    transformIndexHtml: (html) => html.replace('%CLAIR_CSP%', contentSecurityPolicy),
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset paths so the same build loads from the host's http:// origin and Electron's app:// protocol.
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
  },
});
