import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { Client, type ClientChannel } from 'ssh2';

import { ContextError } from './context-error';
import { DialStdioAgent } from './dial-stdio-agent';
import { DialStdioSocket } from './dial-stdio-socket';
import { describeEndpoint, type SshEndpoint } from './endpoint';
import {
  changedHostKeyError,
  checkHostKey,
  DEFAULT_KNOWN_HOSTS,
  readKnownHosts,
  unknownHostKeyError,
} from './known-hosts';

export interface SshOptions {
  /** The known_hosts file host keys are checked against and trusted into. Default ~/.ssh/known_hosts. */
  knownHostsPath?: string;
  /** Private key file. Default: the first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exists. */
  identityFile?: string;
  passphrase?: string;
  /** ssh-agent socket. Default: SSH_AUTH_SOCK; null to not use an agent. */
  agentSocket?: string | null;
  /** For the TCP connection and the SSH handshake together. Default 15 s. */
  connectTimeoutMs?: number;
  /** What runs on the remote to reach its engine. Default `docker system dial-stdio`, as the docker CLI. */
  dialCommand?: string;
  /** Concurrent engine requests per host; below sshd's MaxSessions (default 10). Default 8. */
  maxChannels?: number;
}

/** What the pool did so far; tests and diagnostics read it. */
export interface PoolStats {
  /** SSH connections opened (handshakes), over the pool's life. */
  connectionsOpened: number;
  /** dial-stdio channels opened, over the pool's life. */
  channelsOpened: number;
  /** SSH connections open or being opened now. */
  open: number;
}

const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(homedir(), '.ssh', name));
const KEEPALIVE_MS = 15_000;

const keyOf = (endpoint: SshEndpoint) => describeEndpoint(endpoint);

/**
 * One SSH connection per user@host:port, shared by every Docker call to that host: each engine
 * request runs in an exec channel of `docker system dial-stdio` on it, as the docker CLI does,
 * without the CLI's handshake per command. Host keys are checked against known_hosts; unknown
 * and changed keys are refused. A dropped connection is reopened on the next request. Dispose
 * the pool to close them all.
 */
export class SshConnectionPool {
  readonly #connections = new Map<string, Promise<Client>>();
  readonly #agents = new Map<string, DialStdioAgent>();
  #connectionsOpened = 0;
  #channelsOpened = 0;

  constructor(private readonly options: SshOptions = {}) {}

  get knownHostsPath(): string {
    return this.options.knownHostsPath ?? DEFAULT_KNOWN_HOSTS;
  }

  get stats(): PoolStats {
    return {
      connectionsOpened: this.#connectionsOpened,
      channelsOpened: this.#channelsOpened,
      open: this.#connections.size,
    };
  }

  /** The HTTP agent for dockerode's `agent` option: every Docker instance for a host shares it. */
  agentFor(endpoint: SshEndpoint): DialStdioAgent {
    const key = keyOf(endpoint);
    let agent = this.#agents.get(key);
    if (!agent) {
      agent = new DialStdioAgent(() => this.#dial(endpoint), this.options.maxChannels ?? 8);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  /** The host's SSH connection, opened (and its host key checked) on first use. */
  connect(endpoint: SshEndpoint): Promise<Client> {
    const key = keyOf(endpoint);
    let connection = this.#connections.get(key);
    if (!connection) {
      const opening = this.#open(endpoint);
      // A failed or dropped connection is forgotten, so the next request opens a new one.
      const forget = () => {
        if (this.#connections.get(key) === opening) this.#connections.delete(key);
      };
      opening.then((client) => client.once('close', forget), forget);
      this.#connections.set(key, opening);
      connection = opening;
    }
    return connection;
  }

  async dispose(): Promise<void> {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
    const connections = [...this.#connections.values()];
    this.#connections.clear();
    await Promise.all(
      connections.map(async (pending) => {
        const client = await pending.catch(() => undefined);
        if (!client) return;
        await new Promise<void>((resolve) => {
          client.once('close', () => resolve());
          client.end();
        });
      }),
    );
  }

  #dial(endpoint: SshEndpoint): DialStdioSocket {
    return new DialStdioSocket(this.#exec(endpoint), describeEndpoint(endpoint));
  }

  async #exec(endpoint: SshEndpoint): Promise<ClientChannel> {
    const client = await this.connect(endpoint);
    const command = this.options.dialCommand ?? 'docker system dial-stdio';
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      client.exec(command, (error, stream) => (error ? reject(error) : resolve(stream))),
    ).catch((error: Error) => {
      throw new ContextError(
        'dial-stdio-failed',
        `The SSH server at ${describeEndpoint(endpoint)} refused to run "${command}": ${error.message}`,
        undefined,
        { cause: error },
      );
    });
    this.#channelsOpened++;
    return channel;
  }

  async #open(endpoint: SshEndpoint): Promise<Client> {
    const knownHosts = await readKnownHosts(this.knownHostsPath);
    const identity = await this.#identity();
    const agent = this.options.agentSocket === undefined ? process.env.SSH_AUTH_SOCK : this.options.agentSocket;
    if (!identity && !agent) {
      throw new ContextError(
        'auth-failed',
        `No SSH key to log in to ${describeEndpoint(endpoint)}: choose a key file, or start ssh-agent with a key.`,
      );
    }
    const timeoutMs = this.options.connectTimeoutMs ?? 15_000;
    const client = new Client();
    let refusal: ContextError | undefined;

    await new Promise<void>((resolve, reject) => {
      // ssh2 may report more than one error for one failure (a timeout, then the lost socket);
      // the first decides, and later ones, like those after ready, surface on the requests.
      const fail = (error: Error & { level?: string; code?: string }) => {
        reject(refusal ?? connectionError(error, endpoint, timeoutMs, identity?.path, Boolean(agent)));
        client.end();
      };
      client.once('ready', () => resolve());
      client.on('error', fail);
      try {
        this.#connectionsOpened++;
        client.connect({
          host: endpoint.host,
          port: endpoint.port,
          username: endpoint.user,
          ...(identity ? { privateKey: identity.key } : {}),
          ...(this.options.passphrase ? { passphrase: this.options.passphrase } : {}),
          ...(agent ? { agent } : {}),
          readyTimeout: timeoutMs,
          keepaliveInterval: KEEPALIVE_MS,
          hostVerifier: (hostKey: Buffer) => {
            const verdict = checkHostKey(knownHosts, endpoint.host, endpoint.port, hostKey);
            if (verdict.status === 'known') return true;
            refusal =
              verdict.status === 'changed'
                ? changedHostKeyError(this.knownHostsPath, endpoint.host, endpoint.port, hostKey, verdict)
                : unknownHostKeyError(this.knownHostsPath, endpoint.host, endpoint.port, hostKey);
            return false;
          },
        });
      } catch (error) {
        // ssh2 throws synchronously for a key it cannot use (encrypted without a passphrase, unsupported).
        fail(error as Error);
      }
    });

    return client;
  }

  async #identity(): Promise<{ path: string; key: Buffer } | undefined> {
    if (this.options.identityFile) {
      try {
        return { path: this.options.identityFile, key: await readFile(this.options.identityFile) };
      } catch (error) {
        throw new ContextError(
          'auth-failed',
          `Cannot read the SSH key file ${this.options.identityFile}: ${(error as Error).message}`,
          undefined,
          { cause: error },
        );
      }
    }
    for (const path of DEFAULT_IDENTITIES) {
      const key = await readFile(path).catch(() => undefined);
      if (key) return { path, key };
    }
    return undefined;
  }
}

/** The plain-language reason an SSH connection could not be set up. */
function connectionError(
  error: Error & { level?: string; code?: string },
  endpoint: SshEndpoint,
  timeoutMs: number,
  identityPath: string | undefined,
  withAgent: boolean,
): ContextError {
  const target = describeEndpoint(endpoint);
  const place = `${endpoint.host}:${endpoint.port}`;
  const make = (failure: ContextError['failure'], message: string) =>
    new ContextError(failure, message, undefined, { cause: error });
  if (error.level === 'client-authentication') {
    const offered = [identityPath && `the key ${identityPath}`, withAgent && 'the keys of ssh-agent'].filter(Boolean);
    return make(
      'auth-failed',
      `${target} refused the SSH login: ${offered.join(' and ')} ${offered.length > 1 ? 'are' : 'is'} not ` +
        `authorised for user ${endpoint.user} there (authorized_keys).`,
    );
  }
  if (error.level === 'client-timeout' || error.code === 'ETIMEDOUT') {
    return make('timeout', `${place} did not answer the SSH handshake within ${Math.round(timeoutMs / 1000)} s.`);
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return make(
        'unreachable',
        `Cannot reach ${place}: connection refused. Is SSH listening on port ${endpoint.port}?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('unreachable', `Cannot reach ${place}: the host name ${endpoint.host} does not resolve.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return make('unreachable', `Cannot reach ${place}: no route to the host (network down or wrong address).`);
  }
  if (/passphrase|private key|unsupported key/i.test(error.message)) {
    return make('auth-failed', `Cannot use the SSH key ${identityPath ?? ''} for ${target}: ${error.message}`);
  }
  return make('unreachable', `Cannot connect to ${target} over SSH: ${error.message}`);
}
