import { userInfo } from 'node:os';

/** Where a context's Docker engine listens, from the `Host` of its docker endpoint. */
export type Endpoint = UnixEndpoint | SshEndpoint | TcpEndpoint;

export interface UnixEndpoint {
  kind: 'unix';
  socketPath: string;
}

export interface SshEndpoint {
  kind: 'ssh';
  user: string;
  host: string;
  port: number;
}

export interface TcpEndpoint {
  kind: 'tcp';
  host: string;
  port: number;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';
const SSH_PORT = 22;
/** The docker CLI's ports for tcp:// without one: 2376 with TLS, 2375 without. */
const TCP_PORT = { tls: 2376, plain: 2375 };

/**
 * Parses a docker endpoint host with the docker CLI's rules: `unix:///path`, `tcp://host[:port]`
 * and `ssh://[user@]host[:port]` (no password, no path; the user defaults to the local one, as
 * ssh does).
 */
export function parseEndpoint(host: string, options: { tls?: boolean } = {}): Endpoint {
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw new Error(`${host}: a unix socket needs an absolute path (unix:///…)`);
    return { kind: 'unix', socketPath };
  }
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(`${host}: not a Docker host; use unix:///path, ssh://[user@]host[:port] or tcp://host:port`);
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!hostname) throw new Error(`${host}: the host name is missing`);
  if (url.protocol === 'ssh:') {
    if (url.password) throw new Error(`${host}: a password in the URL is not supported; use a key or ssh-agent`);
    if (url.pathname && url.pathname !== '/') throw new Error(`${host}: an ssh:// host takes no path`);
    return {
      kind: 'ssh',
      user: decodeURIComponent(url.username) || userInfo().username,
      host: hostname,
      port: url.port ? Number(url.port) : SSH_PORT,
    };
  }
  if (url.protocol === 'tcp:') {
    const port = url.port ? Number(url.port) : options.tls ? TCP_PORT.tls : TCP_PORT.plain;
    return { kind: 'tcp', host: hostname, port };
  }
  throw new Error(`${host}: unsupported scheme ${url.protocol}; use unix://, ssh:// or tcp://`);
}

/** `user@host:port` for SSH, the socket path or host:port otherwise: for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'unix':
      return endpoint.socketPath;
    case 'ssh':
      return `${endpoint.user}@${endpoint.host}:${endpoint.port}`;
    case 'tcp':
      return `${endpoint.host}:${endpoint.port}`;
  }
}
