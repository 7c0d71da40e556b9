import { describe, expect, it } from 'vitest';

import { parseStoredUplinkStream, type StreamItem } from './stored-uplink-stream';

async function parse(chunks: string[]): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  const encoder = new TextEncoder();
  async function* body() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  for await (const item of parseStoredUplinkStream(body())) items.push(item);
  return items;
}

const result = (n: number) => JSON.stringify({ result: { received_at: `2026-11-23T10:00:0${n}Z` } });

describe('the Storage Integration stream parser', () => {
  it('reads {"result": …} objects split at any byte, with blank-line or newline framing', async () => {
    const text = `${result(1)}\n\n${result(2)}\n${result(3)}\n\n`;
    const items = await parse([text.slice(0, 7), text.slice(7, 50), text.slice(50)]);
    expect(items).toEqual(
      [1, 2, 3].map((n) => ({ kind: 'result', result: { received_at: `2026-11-23T10:00:0${n}Z` } })),
    );
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const text = JSON.stringify({ result: { device: 'größe' } });
    const bytes = new TextEncoder().encode(text);
    const cut = text.indexOf('ö') + 1;
    const items: StreamItem[] = [];
    async function* body() {
      yield bytes.slice(0, cut);
      yield bytes.slice(cut);
    }
    for await (const item of parseStoredUplinkStream(body())) items.push(item);
    expect(items).toEqual([{ kind: 'result', result: { device: 'größe' } }]);
  });

  it('reports an error object after results, as grpc-gateway ends a failing stream', async () => {
    const error = JSON.stringify({
      error: { code: 14, message: 'error:pkg/storage:unavailable (storage unavailable)' },
    });
    expect(await parse([`${result(1)}\n\n${error}\n\n`])).toEqual([
      { kind: 'result', result: { received_at: '2026-11-23T10:00:01Z' } },
      { kind: 'error', code: 14, message: 'error:pkg/storage:unavailable (storage unavailable)' },
    ]);
  });

  it('reports a message cut off mid-way as garbled, after the complete ones', async () => {
    const items = await parse([`${result(1)}\n\n${result(2).slice(0, 20)}`]);
    expect(items).toHaveLength(2);
    expect(items[1]).toEqual({ kind: 'garbled', text: result(2).slice(0, 20) });
  });

  it('calls a line that is neither result nor error garbled, shortened', async () => {
    const items = await parse([`<html>${'x'.repeat(200)}</html>\n`]);
    expect(items[0]).toMatchObject({ kind: 'garbled' });
    expect((items[0] as { text: string }).text).toHaveLength(81);
  });
});
