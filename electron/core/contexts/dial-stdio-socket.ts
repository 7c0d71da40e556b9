import type { ClientChannel } from 'ssh2';

import { SocketShapedDuplex } from '../docker/socket-shaped-duplex';
import { ContextError } from './context-error';

/** Enough of the remote's stderr to explain a failure, not a flood. */
const STDERR_LIMIT = 2048;

/**
 * An exec channel running `docker system dial-stdio`, dressed as the socket Node's HTTP client
 * expects: the engine's HTTP travels over the channel's stdin and stdout. The socket exists at
 * once and the channel joins when open, so the HTTP agent counts it against maxSockets from the
 * start. When the command fails before the engine said anything (no docker on the remote, no
 * daemon), the request gets a plain-language error with the remote's stderr instead of "socket
 * hang up".
 */
export class DialStdioSocket extends SocketShapedDuplex {
  readonly #channel: Promise<ClientChannel>;
  #stderr = '';
  #received = false;
  #exitCode: number | undefined;

  constructor(
    opening: Promise<ClientChannel>,
    private readonly target: string,
  ) {
    super();
    this.#channel = opening.then((channel) => this.#attach(channel));
    this.#channel.catch((error: Error) => this.destroy(error));
  }

  #attach(channel: ClientChannel): ClientChannel {
    channel.on('data', (chunk: Buffer) => {
      this.#received = true;
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < STDERR_LIMIT) this.#stderr += chunk.toString('utf8');
    });
    channel.on('exit', (code: number | null) => (this.#exitCode = code ?? undefined));
    // EOF arrives before the exit status; waiting for close lets a failure be told as one.
    channel.on('close', () => this.#closed());
    channel.on('error', (error: Error) => this.destroy(error));
    return channel;
  }

  #closed(): void {
    const failed = this.#exitCode !== undefined && this.#exitCode !== 0;
    if (!this.#received && (failed || this.#stderr.trim())) {
      this.destroy(this.#failure());
      return;
    }
    this.once('end', () => this.destroy());
    this.push(null);
  }

  #failure(): ContextError {
    const stderr = this.#stderr.trim();
    if (this.#exitCode === 127 || /command not found|docker: not found/i.test(stderr)) {
      return new ContextError(
        'no-docker-cli',
        `Connected to ${this.target} over SSH, but there is no docker command there (${stderr || 'exit code 127'}). ` +
          'Install Docker on that machine, or make docker reachable on the PATH of non-interactive SSH sessions.',
      );
    }
    return new ContextError(
      'dial-stdio-failed',
      `Connected to ${this.target} over SSH, but "docker system dial-stdio" failed` +
        `${this.#exitCode === undefined ? '' : ` (exit code ${this.#exitCode})`}: ${stderr || 'no output'}. ` +
        'Is the Docker daemon running there, and may this user use it?',
    );
  }

  override _read(): void {
    void this.#channel.then(
      (channel) => channel.resume(),
      () => undefined,
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#channel.then((channel) => channel.write(chunk, callback), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#channel.then((channel) => {
      channel.end();
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    void this.#channel.then(
      (channel) => channel.close(),
      () => undefined,
    );
    callback(error);
  }
}
