import { StringDecoder } from 'node:string_decoder';

/**
 * Cuts a byte stream into complete lines: a line (or a multi-byte character) split across
 * chunks is held until its end arrives.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  #rest = '';

  push(chunk: Buffer): string[] {
    const lines = (this.#rest + this.#decoder.write(chunk)).split('\n');
    this.#rest = lines.pop() ?? '';
    return lines;
  }

  /** What is left when the stream ends: a last line without its newline. */
  end(): string[] {
    const last = this.#rest + this.#decoder.end();
    this.#rest = '';
    return last ? [last] : [];
  }
}
