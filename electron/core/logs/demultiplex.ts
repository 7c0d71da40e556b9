export type OutputStream = 'stdout' | 'stderr';

const headerLength = 8;

/**
 * Docker frames the output of a container without a TTY: each chunk gets an 8-byte header
 * (stream: 1 stdout, 2 stderr; three zero bytes; big-endian payload length). Frames arrive split
 * across network chunks at any byte, so what is incomplete waits for the next chunk.
 */
export class FrameDemultiplexer {
  #rest: Buffer = Buffer.alloc(0);

  /** Calls onFrame for every complete frame in what arrived so far. */
  push(chunk: Buffer, onFrame: (stream: OutputStream, payload: Buffer) => void): void {
    let buffer = this.#rest.length > 0 ? Buffer.concat([this.#rest, chunk]) : chunk;
    let offset = 0;
    while (buffer.length - offset >= headerLength) {
      const length = buffer.readUInt32BE(offset + 4);
      if (buffer.length - offset < headerLength + length) break;
      const stream = buffer[offset] === 2 ? 'stderr' : 'stdout';
      onFrame(stream, buffer.subarray(offset + headerLength, offset + headerLength + length));
      offset += headerLength + length;
    }
    buffer = buffer.subarray(offset);
    // Copy the remainder so the chunk it points into can be collected.
    this.#rest = Buffer.from(buffer);
  }
}

/** A whole multiplexed answer (a non-following logs call) as one text, stdout and stderr interleaved. */
export function demultiplexAll(raw: Buffer): string {
  const payloads: Buffer[] = [];
  new FrameDemultiplexer().push(raw, (_stream, payload) => payloads.push(payload));
  return Buffer.concat(payloads).toString('utf8');
}
