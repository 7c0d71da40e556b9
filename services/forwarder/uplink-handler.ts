import type { NodeProtocol } from '../domain/nodes/node-id';
import type { DeadLetterStore } from './dead-letter-store';
import type { Log } from './log';
import { countDeadLetters, type ForwarderMetrics } from './metrics';
import type { Spool } from './spool';
import type { DecodeUplink } from '../domain/ttn/uplink-decoding';
import { interpretUplink } from './uplink-interpretation';
import type { Uplink } from './uplink-subscription';

export interface UplinkHandlerDeps {
  protocol: NodeProtocol;
  decode: DecodeUplink;
  spool: Spool;
  deadLetters: DeadLetterStore;
  metrics: ForwarderMetrics;
  log: Log;
}

/**
 * Stores one uplink durably: its samples in the spool, or the message in the dead letters. It
 * rejects only when the disk does, and then the message stays unacknowledged.
 */
export function uplinkHandler(deps: UplinkHandlerDeps): (uplink: Uplink) => Promise<void> {
  return async (uplink) => {
    deps.metrics.received.inc();
    const result = interpretUplink(
      { topic: uplink.topicName, deviceId: uplink.topic.deviceId, body: uplink.body },
      deps.protocol,
      deps.decode,
    );
    if (result.kind === 'samples') {
      await deps.spool.append(result.samples);
      deps.metrics.decoded.inc();
      return;
    }
    if (result.kind === 'skipped') {
      deps.metrics.skipped.inc();
      deps.log('info', 'uplink without application payload skipped', { deviceId: result.deviceId });
      return;
    }
    const { reason, deviceId, detail } = result.letter;
    await deps.deadLetters.add([result.letter]);
    deps.metrics.rejected.inc({ reason });
    countDeadLetters(deps.metrics, [reason]);
    deps.log('warn', 'uplink set aside as a dead letter', { deviceId, reason, detail });
  };
}
