import type { ContextConnection, SshAuth } from '../../contract';
import { ContextError, type ContextFailure } from './context-error';
import type { DockerContext } from './context-store';
import { dockerFor } from './docker-for';
import { SshConnectionPool } from './ssh-connection-pool';

export interface CheckOptions {
  /** How an ssh:// context logs in; without it the pool's defaults (~/.ssh/id_*, SSH_AUTH_SOCK). */
  auth?: SshAuth;
  knownHostsPath: string;
  /** A remote engine can take long to answer; the screen says "unreachable" after this. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** What to do next, after the reason the message already gives. */
const nextSteps: Partial<Record<ContextFailure, string>> = {
  'socket-missing': 'Start Docker on this machine, or edit the context to point at the right socket.',
  'socket-permission': 'Add your user to the docker group and log in again.',
  'daemon-not-running': 'Start Docker on this machine.',
  unreachable: 'Check the host name and port, and that the machine is up and on the network.',
  timeout: 'Check that the machine is up and on the network, then refresh.',
  'auth-failed':
    "Choose another key file or the ssh-agent in the context's settings, or authorise the key on the server.",
  'no-docker-cli': 'Install Docker on the server.',
  'dial-stdio-failed': 'Check that Docker runs on the server and that this user may use it.',
};

/**
 * Reaches a context's engine once, with a connection of its own that is closed afterwards, and
 * says what it found: the engine's version and swarm role, or why it cannot be reached and what
 * to do. Never throws: every failure becomes words for the Environments screen.
 */
export async function checkConnection(
  context: Pick<DockerContext, 'name' | 'host' | 'tls' | 'skipTLSVerify'>,
  options: CheckOptions,
): Promise<ContextConnection> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pool = new SshConnectionPool({
    knownHostsPath: options.knownHostsPath,
    connectTimeoutMs: timeoutMs,
    ...(options.auth?.method === 'identity-file' ? { identityFile: options.auth.identityFile, agentSocket: null } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ContextError('timeout', `The engine of "${context.name}" did not answer within ${timeoutMs / 1000} s.`),
        ),
      timeoutMs,
    );
  });
  try {
    const docker = await Promise.race([dockerFor(context, { pool }), timedOut]);
    const info = (await Promise.race([docker.info(), timedOut])) as EngineInfo;
    return reachable(info);
  } catch (error) {
    return unreachable(error);
  } finally {
    clearTimeout(timer);
    await pool.dispose();
  }
}

interface EngineInfo {
  ServerVersion?: string;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; Nodes?: number };
}

function reachable(info: EngineInfo): ContextConnection {
  const swarm = info.Swarm;
  const role = swarm?.LocalNodeState !== 'active' ? 'inactive' : swarm.ControlAvailable ? 'manager' : 'worker';
  return {
    state: 'reachable',
    engineVersion: info.ServerVersion ?? 'unknown',
    swarmRole: role,
    ...(role === 'manager' && swarm?.Nodes !== undefined ? { nodeCount: swarm.Nodes } : {}),
  };
}

function unreachable(error: unknown): ContextConnection {
  if (!(error instanceof ContextError)) {
    return { state: 'unreachable', failure: 'error', message: (error as Error).message };
  }
  const next = nextSteps[error.failure];
  return {
    state: 'unreachable',
    failure: error.failure,
    message: next ? `${error.message} ${next}` : error.message,
    ...(error.hostKey ? { hostKey: error.hostKey } : {}),
  };
}
