import type { ContextEndpoint, SshAuth } from '../../contract';
import { parseEndpoint } from './endpoint';

/** The docker endpoint host the form's endpoint stands for: `unix:///…` or `ssh://user@host:port`. */
export function hostOf(endpoint: ContextEndpoint): string {
  if (endpoint.kind === 'local') return `unix://${endpoint.socketPath}`;
  return `ssh://${endpoint.user}@${endpoint.host}:${endpoint.port}`;
}

/** The form's endpoint for a context's host; undefined for what the form does not edit (tcp://). */
export function endpointOf(host: string, auth: SshAuth | undefined): ContextEndpoint | undefined {
  let parsed;
  try {
    parsed = parseEndpoint(host);
  } catch {
    return undefined;
  }
  if (parsed.kind === 'unix') return { kind: 'local', socketPath: parsed.socketPath };
  if (parsed.kind === 'ssh') {
    return { kind: 'ssh', user: parsed.user, host: parsed.host, port: parsed.port, auth: auth ?? { method: 'agent' } };
  }
  return undefined;
}
