import { describe, expect, it } from 'vitest';

import { nodeKinds } from './node-kinds';
import { simulatedInventory } from './simulated-nodes';
import { UplinkSchedule } from './uplink-schedule';

const nodes = simulatedInventory(3, 2);
const epoch = new Date('2026-11-01T00:00:00Z');
const from = Date.parse('2026-11-23T08:00:00Z');

describe('UplinkSchedule', () => {
  it("sends each kind at its firmware's pace with consecutive frame counters", () => {
    const schedule = new UplinkSchedule(nodes, { seed: 3, epoch });
    const uplinks = [...schedule.between(from, from + 6 * 3_600_000)];
    for (const node of nodes) {
      const own = uplinks.filter((uplink) => uplink.node === node);
      const interval = nodeKinds[node.protocol].naturalUplinkIntervalS * 1000;
      expect(own.length).toBeGreaterThanOrEqual(Math.floor((6 * 3_600_000) / interval));
      own.slice(1).forEach((uplink, i) => {
        expect(uplink.receivedAtMs - (own[i]?.receivedAtMs ?? 0)).toBe(interval);
        expect(uplink.fCnt).toBe((own[i]?.fCnt ?? 0) + 1);
      });
    }
  });

  it('yields the window in time order, and in reverse when asked', () => {
    const schedule = new UplinkSchedule(nodes, { seed: 3, epoch });
    const ascending = [...schedule.between(from, from + 3_600_000)];
    const times = ascending.map((uplink) => uplink.receivedAtMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(from);
    expect(times.at(-1)).toBeLessThan(from + 3_600_000);
    expect([...schedule.between(from, from + 3_600_000, 'descending')]).toEqual(ascending.reverse());
  });

  it('holds an overall rate by spacing nodes evenly on a common interval', () => {
    // 6 nodes at 2 uplinks per second: each node every 3 s.
    const schedule = new UplinkSchedule(nodes, { seed: 3, epoch, uplinkIntervalS: nodes.length / 2 });
    const uplinks = [...schedule.between(from, from + 60_000)];
    expect(uplinks).toHaveLength(120);
    expect(new Set(uplinks.slice(0, 6).map((uplink) => uplink.node.devEui)).size).toBe(6);
  });

  it('has nothing before the devices joined', () => {
    const schedule = new UplinkSchedule(nodes, { seed: 3, epoch });
    expect([...schedule.between(epoch.getTime() - 86_400_000, epoch.getTime())]).toEqual([]);
    const early = [...schedule.between(epoch.getTime() - 86_400_000, epoch.getTime() + 86_400_000)];
    for (const node of nodes) {
      const first = early.find((uplink) => uplink.node === node);
      expect(first?.fCnt).toBe(0);
      expect(first?.receivedAtMs).toBeLessThan(epoch.getTime() + schedule.intervalMs(node));
    }
  });
});
