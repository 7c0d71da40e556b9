import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { describe, expect, it } from 'vitest';

import { CsvRecordCounter, JsonArrayWriter } from './export-writers';

describe('CsvRecordCounter', () => {
  it('counts records, not line breaks inside quoted fields, across chunk boundaries, and passes the bytes on', async () => {
    const csv = 'id,note\n1,"two\nlines"\n2,"say ""hi"""\n3,\n';
    const counter = new CsvRecordCounter();
    const chunks = [csv.slice(0, 13), csv.slice(13, 25), csv.slice(25)].map((c) => Buffer.from(c));
    const passed = await text(Readable.from(chunks).pipe(counter));
    expect(passed).toBe(csv);
    expect(counter.records).toBe(4);
    expect(counter.bytes).toBe(Buffer.byteLength(csv));
  });
});

describe('JsonArrayWriter', () => {
  it('writes batches that together form one JSON array of row objects', () => {
    const writer = new JsonArrayWriter(['id', 'seen', 'data', 'raw']);
    const when = new Date('2026-01-02T03:04:05Z');
    const text =
      writer.start() +
      writer.batch([[1, when, { a: [1] }, Buffer.from([0xde, 0xad])]]) +
      writer.batch([[2, null, null, null]]) +
      writer.end();
    expect(JSON.parse(text)).toEqual([
      { id: 1, seen: '2026-01-02T03:04:05.000Z', data: { a: [1] }, raw: '\\xdead' },
      { id: 2, seen: null, data: null, raw: null },
    ]);
  });

  it('writes an empty array when there are no rows', () => {
    const writer = new JsonArrayWriter(['id']);
    expect(JSON.parse(writer.start() + writer.end())).toEqual([]);
  });
});
