import { readFile, stat } from 'node:fs/promises';
import type { Agent } from 'node:http';

import Docker from 'dockerode';

import { ContextError } from './context-error';
import type { DockerContext } from './context-store';
import { describeEndpoint, parseEndpoint, type Endpoint } from './endpoint';
import type { SshConnectionPool } from './ssh-connection-pool';

export interface DockerForOptions {
  /** The SSH connections for ssh:// contexts; the caller disposes it when done with the engines. */
  pool?: SshConnectionPool;
}

/**
 * A dockerode client for a context's engine, checked with a ping so that an unreachable engine is
 * reported, in plain language, before anything is attempted on it: the local socket, a TCP
 * endpoint (with the context's TLS files) or an SSH host through the pool's shared connection.
 */
export async function dockerFor(
  context: Pick<DockerContext, 'name' | 'host' | 'tls' | 'skipTLSVerify'>,
  options: DockerForOptions = {},
): Promise<Docker> {
  const tls = Boolean(context.tls.ca ?? context.tls.cert);
  const endpoint = parseEndpoint(context.host, { tls });
  const docker = await clientFor(endpoint, context, options);
  try {
    await docker.ping();
  } catch (error) {
    throw explainEngineError(error, endpoint);
  }
  return docker;
}

async function clientFor(
  endpoint: Endpoint,
  context: Pick<DockerContext, 'name' | 'tls' | 'skipTLSVerify'>,
  options: DockerForOptions,
): Promise<Docker> {
  // Every connection setting is given explicitly: docker-modem would otherwise fill the gaps
  // from DOCKER_HOST and DOCKER_CERT_PATH, which belong to another engine.
  const none = { ca: undefined, cert: undefined, key: undefined, sshOptions: undefined };
  switch (endpoint.kind) {
    case 'unix': {
      const socket = await stat(endpoint.socketPath).catch(() => undefined);
      if (!socket?.isSocket()) {
        throw new ContextError(
          'socket-missing',
          socket
            ? `${endpoint.socketPath} is not a socket, so no Docker engine listens there.`
            : `There is no Docker socket at ${endpoint.socketPath}: is Docker installed and running on this machine?`,
        );
      }
      return new Docker({ ...none, socketPath: endpoint.socketPath });
    }
    case 'ssh': {
      if (!options.pool) throw new Error(`The context ${context.name} is reached over SSH: pass an SshConnectionPool`);
      // docker-modem passes `agent` to http.request; @types/dockerode does not know the option.
      const viaPool: Docker.DockerOptions & { agent: Agent } = {
        ...none,
        protocol: 'http',
        host: 'docker',
        port: 80,
        agent: options.pool.agentFor(endpoint),
      };
      return new Docker(viaPool);
    }
    case 'tcp': {
      if (context.skipTLSVerify) {
        throw new Error(`The context ${context.name} skips TLS verification, which Clair does not do`);
      }
      const pem = async (path: string | undefined) => (path ? readFile(path) : undefined);
      const [ca, cert, key] = await Promise.all([pem(context.tls.ca), pem(context.tls.cert), pem(context.tls.key)]);
      return new Docker({
        ...none,
        protocol: (ca ?? cert) ? 'https' : 'http',
        host: endpoint.host,
        port: endpoint.port,
        ca,
        cert,
        key,
      });
    }
  }
}

/** The plain-language reason a request to an engine failed to connect; other errors pass through. */
function explainEngineError(error: unknown, endpoint: Endpoint): Error {
  if (error instanceof ContextError || !(error instanceof Error)) return error as Error;
  const code = (error as NodeJS.ErrnoException).code;
  const where = describeEndpoint(endpoint);
  const make = (failure: ContextError['failure'], message: string) =>
    new ContextError(failure, message, undefined, { cause: error });
  if (endpoint.kind === 'unix') {
    if (code === 'EACCES') {
      return make(
        'socket-permission',
        `No permission to use the Docker socket ${where}: add your user to the docker group (then log in again).`,
      );
    }
    if (code === 'ECONNREFUSED')
      return make('daemon-not-running', `Docker is not running: nothing answers on ${where}.`);
    if (code === 'ENOENT') return make('socket-missing', `There is no Docker socket at ${where}.`);
  }
  if (endpoint.kind === 'tcp') {
    if (code === 'ECONNREFUSED')
      return make('unreachable', `Cannot reach the Docker engine at ${where}: connection refused.`);
    if (code === 'ETIMEDOUT') return make('timeout', `The Docker engine at ${where} did not answer.`);
    if (code === 'ENOTFOUND') return make('unreachable', `Cannot reach ${where}: the host name does not resolve.`);
  }
  return error;
}
