import { describe, expect, it } from 'vitest';

import { demultiplexAll, FrameDemultiplexer, type OutputStream } from './demultiplex';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('FrameDemultiplexer', () => {
  it('tells stdout from stderr and joins frames split across chunks at any byte', () => {
    const raw = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err ü\n'), frame(1, 'out two\n')]);
    for (const cut of [1, 5, 8, 9, 17, raw.length - 1]) {
      const frames: [OutputStream, string][] = [];
      const demultiplexer = new FrameDemultiplexer();
      const onFrame = (stream: OutputStream, payload: Buffer) => frames.push([stream, payload.toString()]);
      demultiplexer.push(raw.subarray(0, cut), onFrame);
      demultiplexer.push(raw.subarray(cut), onFrame);
      expect(frames).toEqual([
        ['stdout', 'out one\n'],
        ['stderr', 'err ü\n'],
        ['stdout', 'out two\n'],
      ]);
    }
  });

  it('reads a whole answer as one text', () => {
    expect(demultiplexAll(Buffer.concat([frame(1, 'a\n'), frame(2, 'b\n')]))).toBe('a\nb\n');
  });
});
