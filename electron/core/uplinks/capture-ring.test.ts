import { describe, expect, it } from 'vitest';

import { CaptureRing } from './capture-ring';

const message = (bytes: number) => ({ application: 'ers' as const, topic: 't', body: Buffer.alloc(bytes) });

describe('CaptureRing', () => {
  it('numbers messages and keeps the last `capacity` of them', () => {
    const ring = new CaptureRing(3, 1_000);
    const seqs = [1, 2, 3, 4, 5].map(() => ring.add(message(10)).seq);
    expect(seqs).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4, 5].map((seq) => ring.get(seq)?.seq)).toEqual([undefined, undefined, 2, 3, 4, undefined]);
  });

  it('drops the oldest messages when the bytes exceed the budget, never the newest', () => {
    const ring = new CaptureRing(10, 100);
    ring.add(message(40));
    ring.add(message(40));
    ring.add(message(40));
    expect([ring.get(0), ring.get(1)?.seq, ring.get(2)?.seq]).toEqual([undefined, 1, 2]);
    ring.add(message(500));
    expect([ring.get(2), ring.get(3)?.body.length]).toEqual([undefined, 500]);
  });
});
