import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to PostgreSQL that a test can cut, as a restart or a network fault would, and
 * restore on the same port (`open` again): the app's pool meets real dead sockets and refused
 * connections, while the shared database itself keeps running for everyone else.
 */
export class CuttableProxy {
  readonly #connections = new Set<Socket>();
  #server: Server | undefined;
  #tripwire: { bytes: number; cut: () => void } | undefined;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** An open proxy in front of the server of a postgres:// URL, and the URL that goes through it. */
  static async before(url: string): Promise<{ proxy: CuttableProxy; url: string }> {
    const target = new URL(url);
    const proxy = new CuttableProxy(target.hostname, Number(target.port));
    await proxy.open();
    target.port = String(proxy.port);
    return { proxy, url: target.toString() };
  }

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.#connections.add(socket);
        socket.on('close', () => this.#connections.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        if (this.#tripwire && chunk.length >= this.#tripwire.bytes) this.#tripwire.cut();
      });
      client.pipe(upstream).pipe(client);
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  /** Cuts as soon as a query of at least `bytes` is on its way: a connection dies mid-query. */
  cutOnQueryOf(bytes: number): Promise<void> {
    return new Promise((resolve) => {
      this.#tripwire = {
        bytes,
        cut: () => {
          this.#tripwire = undefined;
          resolve(this.cut());
        },
      };
    });
  }

  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#connections) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
