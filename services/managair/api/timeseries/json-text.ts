import { randomUUID } from 'node:crypto';

/** A JSON array written already (a series' buckets, from PostgreSQL): its elements' text in runs. */
export class JsonArrayText {
  /** `[${runs.join(',')}]` is the array; each run is one or more elements separated by commas. */
  constructor(readonly runs: readonly string[]) {}
}

/**
 * The UTF-8 bytes of JSON.stringify(value), with each JsonArrayText member put in as it is. Each
 * member is stringified as a placeholder first, a random token that no other string of the value
 * can contain, and the bytes are written around the placeholders into one buffer, without ever
 * making a string of the whole: allocating a string of megabytes (join, concatenation, replace)
 * costs ten times as much as writing the buffer.
 */
export function jsonBytes(value: unknown): Buffer {
  const token = randomUUID();
  const members: JsonArrayText[] = [];
  const json = JSON.stringify(value, (_key, member: unknown) =>
    member instanceof JsonArrayText ? `${token}${members.push(member) - 1}` : member,
  );
  // With a capturing group, split gives text, member index, text, …, text.
  const chunks = json.split(new RegExp(`"${token}(\\d+)"`)).flatMap((piece, i) => {
    if (i % 2 === 0) return [piece];
    const { runs } = members[Number(piece)]!;
    return ['[', ...runs.flatMap((run, j) => (j === 0 ? [run] : [',', run])), ']'];
  });
  const bytes = Buffer.allocUnsafe(chunks.reduce((length, chunk) => length + Buffer.byteLength(chunk), 0));
  chunks.reduce((offset, chunk) => offset + bytes.write(chunk, offset), 0);
  return bytes;
}
