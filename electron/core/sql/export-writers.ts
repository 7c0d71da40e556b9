import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes CSV through and counts its records as they go by: line ends outside quoted fields (a
 * field may hold line breaks; quotes inside one are doubled, so toggling on each quote holds).
 */
export class CsvRecordCounter extends Transform {
  records = 0;
  bytes = 0;
  #quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === 0x22) this.#quoted = !this.#quoted;
      else if (byte === 0x0a && !this.#quoted) this.records += 1;
    }
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** A value as JSON keeps it: bytea as PostgreSQL's hex text rather than Node's Buffer object. */
function jsonValue(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    return `\\x${Buffer.from((value as { data: number[] }).data).toString('hex')}`;
  }
  return value;
}

/**
 * The pieces of a JSON array of row objects written batch by batch, so that the file is valid
 * JSON when it ends and memory holds one batch at a time.
 */
export class JsonArrayWriter {
  #first = true;

  constructor(private readonly columns: readonly string[]) {}

  start(): string {
    return '[';
  }

  /** The text of a batch of rows (arrays in column order), each row an object on its own line. */
  batch(rows: readonly unknown[][]): string {
    let text = '';
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      this.columns.forEach((name, i) => (object[name] = row[i]));
      text += `${this.#first ? '\n' : ',\n'}${JSON.stringify(object, jsonValue)}`;
      this.#first = false;
    }
    return text;
  }

  end(): string {
    return this.#first ? ']\n' : '\n]\n';
  }
}
