import { FixtureRecordError, parseFixtureElement } from '../../../services/fixtures/fixture-record';
import { sampleRecord } from '../../../services/fixtures/sample-record';
import type { DecodedSample } from '../../../services/domain/decoders/decoder';
import { type NodeProtocol, nodeIdFromDevEui } from '../../../services/domain/nodes/node-id';
import { type DecodeUplink, ttnUplinkDecoder } from '../../../services/domain/ttn/uplink-decoding';
import type { RecoveryProblem } from '../../contract';
import { missingFrameCounters } from './gap-finder';
import type { SampleRow } from './recovery-sql';

export interface DeviceTally {
  nodeId: string;
  deviceId: string;
  /** Frames missing from the stored uplinks' counters, summed over the fetched ranges. */
  lostFrames: number;
}

/**
 * The samples of fetched uplinks, decoded exactly as the forwarder of the application decodes
 * them (services/domain/ttn/uplink-decoding.ts) and keyed by node and time, so that an uplink
 * fetched twice gives its samples once. Whatever does not decode, or holds a value the samples
 * table refuses, is a problem of that one uplink; the others are kept.
 */
export class RecoveredSamples {
  readonly rows = new Map<string, SampleRow>();
  readonly devices = new Map<string, DeviceTally>();
  readonly problems: RecoveryProblem[] = [];
  uplinks = 0;
  readonly #decode: DecodeUplink;
  /** Per fetched range, each device's frame counters in the order TTN received them. */
  #rangeCounters = new Map<string, number[]>();

  constructor(readonly protocol: NodeProtocol) {
    this.#decode = ttnUplinkDecoder(protocol);
  }

  add(json: unknown): void {
    this.uplinks += 1;
    const message = json as { simulated?: unknown; received_at?: unknown; uplink_message?: { f_cnt?: unknown } };
    // Uplinks simulated from TTN's console never came from a sensor (ttn-formats.md §3.4).
    if (message?.simulated === true) return;
    const decoded = this.#decode(json);
    const fCnt = typeof message?.uplink_message?.f_cnt === 'number' ? message.uplink_message.f_cnt : 0;
    const at = typeof message?.received_at === 'string' ? message.received_at : 'an unknown time';
    const subject = (deviceId: string | null) => `uplink f_cnt ${fCnt} of ${deviceId ?? 'an unnamed device'} at ${at}`;
    if (!decoded.ok) {
      if (decoded.reason === 'no_payload') return;
      const what = decoded.reason === 'bad_uplink' ? 'is not a TTN uplink' : 'does not decode';
      this.problems.push({
        scope: 'uplink',
        subject: subject(decoded.deviceId),
        message: `${what}: ${decoded.detail}`,
      });
      return;
    }
    let nodeId: string;
    try {
      nodeId = nodeIdFromDevEui(this.protocol, decoded.devEui ?? '');
    } catch {
      this.problems.push({
        scope: 'uplink',
        subject: subject(decoded.deviceId),
        message: 'has no end_device_ids.dev_eui, so its node is unknown',
      });
      return;
    }
    const tally = this.devices.get(nodeId) ?? { nodeId, deviceId: decoded.deviceId, lostFrames: 0 };
    this.devices.set(nodeId, tally);
    const counters = this.#rangeCounters.get(nodeId) ?? [];
    counters.push(fCnt);
    this.#rangeCounters.set(nodeId, counters);
    for (const sample of decoded.samples) {
      const row = validRow(nodeId, sample);
      if (typeof row === 'string') {
        this.problems.push({ scope: 'uplink', subject: subject(decoded.deviceId), message: row });
      } else {
        this.rows.set(`${row.node_id} ${row.timestamp_s}`, row);
      }
    }
  }

  /** Ends a fetched range: counters only compare within one, since the ranges have holes between them. */
  endRange(): void {
    for (const [nodeId, counters] of this.#rangeCounters) {
      const missing = missingFrameCounters(counters);
      this.devices.get(nodeId)!.lostFrames += missing.reduce((sum, gap) => sum + gap.to - gap.from + 1, 0);
    }
    this.#rangeCounters = new Map();
  }
}

/** The sample as the samples table takes it, checked by the fixture library's core.sample rules, or why not. */
function validRow(nodeId: string, sample: DecodedSample): SampleRow | string {
  try {
    const parsed = parseFixtureElement(1, sampleRecord(nodeId, sample));
    if (parsed.kind !== 'kept') return 'is no sample';
    return parsed.record.row as unknown as SampleRow;
  } catch (error) {
    if (!(error instanceof FixtureRecordError)) throw error;
    return `sample at ${sample.timestampS}: field ${error.field ?? '?'} ${error.problem}`;
  }
}
