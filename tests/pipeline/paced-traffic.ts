import { setTimeout as sleep } from 'node:timers/promises';

import type { ApplicationUp } from '../../services/ttn-simulator/application-up';
import type { Clock } from '../../services/ttn-simulator/clock';
import { publishUplinks } from '../../services/ttn-simulator/mqtt-publisher';
import type { SimulatedNode } from '../../services/ttn-simulator/simulated-nodes';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';
import type { RigForwarder } from './pipeline-rig';

/**
 * Uplinks a forwarder may lag behind the publisher. The simulator publishes QoS 0, as TTN does,
 * and Mosquitto drops a subscriber's QoS 0 messages once 1000 of them wait to be written to it
 * (max_queued_messages); it would drop QoS 1 messages past the same queue. A publisher running
 * flat out outruns a forwarder that puts every uplink on disk first, so the loss would be the
 * broker's, not the pipeline's: the publisher waits instead, and the backlog stays well below.
 */
const maxBacklog = 500;
/**
 * Once held up, the publisher waits until the backlog has halved: every look at the forwarder's
 * /metrics costs the event loop it shares with the forwarders, so it should look rarely.
 */
const resumeBacklog = maxBacklog / 2;
const pollMs = 25;

/** The simulated devices have been sending since then; replays start there. */
const epoch = new Date('2024-01-01T00:00:00Z');

export interface TrafficOptions {
  brokerUrl: string;
  /** The nodes of every kind; each forwarder gets the uplinks of its protocol's nodes. */
  nodes: readonly SimulatedNode[];
  seed: number;
  /** Uplinks in all, split as evenly as it goes between the forwarders. */
  count: number;
  /** One interval for every node; by default each kind keeps its firmware's pace. */
  uplinkIntervalS?: number;
}

/** What one forwarder's TTN application was sent. */
export interface PublishedUplinks {
  forwarder: RigForwarder;
  /** In the order published. */
  messages: ApplicationUp[];
}

/** Publishes to every forwarder's application at once, each paced by its own forwarder. */
export function publishFleetUplinks(
  forwarders: readonly RigForwarder[],
  options: TrafficOptions,
): Promise<PublishedUplinks[]> {
  return Promise.all(
    forwarders.map(async (forwarder, index) => {
      const share = Math.floor(options.count / forwarders.length) + (index < options.count % forwarders.length ? 1 : 0);
      const nodes = options.nodes.filter((node) => node.protocol === forwarder.protocol);
      return { forwarder, messages: await publishPacedUplinks(forwarder, { ...options, nodes, count: share }) };
    }),
  );
}

/**
 * Publishes `count` uplinks of the nodes at each kind's own pace, replayed as fast as the forwarder
 * takes them, through the simulator's publisher. Resolves with the messages published, in order.
 */
async function publishPacedUplinks(forwarder: RigForwarder, options: TrafficOptions): Promise<ApplicationUp[]> {
  const schedule = new UplinkSchedule(options.nodes, {
    seed: options.seed,
    epoch,
    ...(options.uplinkIntervalS === undefined ? {} : { uplinkIntervalS: options.uplinkIntervalS }),
  });
  const published: ApplicationUp[] = [];
  const receivedBefore = await forwarder.metric('clair_forwarder_uplinks_received_total');
  let received = 0;
  const backlog = () => published.length - received;
  const catchUp = async () => {
    if (backlog() < maxBacklog) return;
    for (;;) {
      received = (await forwarder.metric('clair_forwarder_uplinks_received_total')) - receivedBefore;
      if (backlog() <= resumeBacklog) return;
      await sleep(pollMs);
    }
  };
  await publishUplinks({
    brokerUrl: options.brokerUrl,
    tenant: 'ttn',
    apiKey: 'NNSXS.PIPELINE',
    origin: { seed: options.seed, applicationId: forwarder.applicationId },
    schedule,
    clock: pacedClock(epoch, catchUp),
    stop: { count: options.count },
    onPublish: (_topic, message) => published.push(message),
  });
  return published;
}

/** The simulator waits on its clock before each uplink: time jumps ahead once the forwarder has caught up. */
function pacedClock(start: Date, catchUp: () => Promise<void>): Clock {
  let nowMs = start.getTime();
  return {
    now: () => new Date(nowMs),
    sleep: async (ms) => {
      await catchUp();
      nowMs += Math.max(0, ms);
    },
  };
}
