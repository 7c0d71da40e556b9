import { Duplex } from 'node:stream';

/**
 * A stream that stands in for a net.Socket: an SSH channel for Node's HTTP agent, a docker exec
 * for pg. Their callers set socket options that mean nothing on such a stream (idle timeouts
 * are the carrying connection's keepalive's job; there is no Nagle or event-loop reference), so
 * they are accepted and ignored.
 */
export abstract class SocketShapedDuplex extends Duplex {
  setTimeout(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}
