import { nodeKinds } from './node-kinds';
import { unitNoise } from './seeded-random';
import type { SimulatedNode } from './simulated-nodes';
import type { ScheduledUplink } from './uplink-message';

/** When the simulated devices joined unless told otherwise; their frame counters count from it. */
export const defaultEpoch = '2024-01-01T00:00:00Z';

export interface ScheduleOptions {
  seed: number;
  /** When every simulated device joined: its first uplink (f_cnt 0) follows within one interval. */
  epoch: Date;
  /** One interval for all nodes, staggered evenly; by default each kind keeps its firmware's pace. */
  uplinkIntervalS?: number;
}

/**
 * When each node sends: uplink k of a node at `epoch + phase + k · interval`, with a per-node
 * phase so that nodes do not transmit in lockstep. It is a pure function of the options, which
 * makes the live publisher and the Storage Integration history the same sequence.
 */
export class UplinkSchedule {
  readonly #options: ScheduleOptions;
  readonly #nodes: readonly SimulatedNode[];

  constructor(nodes: readonly SimulatedNode[], options: ScheduleOptions) {
    this.#nodes = nodes;
    this.#options = options;
  }

  intervalMs(node: SimulatedNode): number {
    return Math.max(
      1,
      Math.round(1000 * (this.#options.uplinkIntervalS ?? nodeKinds[node.protocol].naturalUplinkIntervalS)),
    );
  }

  #startMs(node: SimulatedNode): number {
    const interval = this.intervalMs(node);
    // A common interval is a rate for the whole fleet, so space the nodes evenly to hold it.
    const share =
      this.#options.uplinkIntervalS === undefined
        ? unitNoise(this.#options.seed, node.devEui, 'phase')
        : this.#nodes.indexOf(node) / this.#nodes.length;
    return this.#options.epoch.getTime() + Math.floor(share * interval);
  }

  /** Uplinks received by the NS in [fromMs, toMs), in time order (node order breaks ties). */
  *between(fromMs: number, toMs: number, order: 'ascending' | 'descending' = 'ascending'): Generator<ScheduledUplink> {
    const cursors = this.#nodes.map((node) => {
      const start = this.#startMs(node);
      const interval = this.intervalMs(node);
      const first = Math.max(0, Math.ceil((fromMs - start) / interval));
      const last = Math.ceil((toMs - start) / interval) - 1;
      return { node, start, interval, first, last, next: order === 'ascending' ? first : last };
    });
    const timeOf = (c: (typeof cursors)[number]) => c.start + c.next * c.interval;
    for (;;) {
      let best: (typeof cursors)[number] | undefined;
      for (const cursor of cursors) {
        if (cursor.next < cursor.first || cursor.next > cursor.last) continue;
        if (!best || (order === 'ascending' ? timeOf(cursor) < timeOf(best) : timeOf(cursor) > timeOf(best)))
          best = cursor;
      }
      if (!best) return;
      // f_cnt is a 32-bit counter in TTN (ttn-formats.md §6.1).
      yield { node: best.node, fCnt: best.next % 0x1_0000_0000, receivedAtMs: timeOf(best) };
      best.next += order === 'ascending' ? 1 : -1;
    }
  }
}
