import { Agent } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * An HTTP agent whose connections are `docker system dial-stdio` channels of one SSH connection.
 * Keep-alive reuses a channel for the next request, so most requests cost no channel setup, and
 * `maxSockets` stays below sshd's MaxSessions (10 by default) so concurrent requests queue
 * instead of being refused. The socket is returned at once (the channel joins it when open):
 * Node counts only sockets it already has against maxSockets.
 */
export class DialStdioAgent extends Agent {
  constructor(
    private readonly openChannel: () => Duplex,
    maxChannels: number,
  ) {
    super({ keepAlive: true, maxSockets: maxChannels });
  }

  override createConnection(): Duplex {
    return this.openChannel();
  }
}
