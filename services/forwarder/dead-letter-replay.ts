import type { NodeProtocol } from '../domain/nodes/node-id';
import { parseUplinkTopic } from '../domain/ttn/topics';
import type { DeadLetter, NewDeadLetter } from './dead-letter-store';
import type { Spool } from './spool';
import type { NewSample } from './spooled-sample';
import type { DecodeUplink } from '../domain/ttn/uplink-decoding';
import { interpretUplink } from './uplink-interpretation';

/**
 * Takes dead letters back after their cause was fixed: raw messages are decoded again (a newer
 * decoder may read them), samples go back to the spool (the node may exist now). Returns the
 * letters that fail again; the sender dead-letters refused samples once more on its own.
 */
export async function replayDeadLetters(
  letters: readonly DeadLetter[],
  protocol: NodeProtocol,
  decode: DecodeUplink,
  spool: Spool,
): Promise<NewDeadLetter[]> {
  const samples: NewSample[] = [];
  const failed: NewDeadLetter[] = [];
  for (const letter of letters) {
    if (letter.sample) {
      const { nodeId, deviceId, sample } = letter.sample;
      samples.push({ nodeId, deviceId, sample });
    } else if (letter.message !== undefined) {
      const topic = letter.topic ?? '';
      const deviceId = parseUplinkTopic(topic)?.deviceId ?? letter.deviceId ?? 'unknown';
      const result = interpretUplink(
        { topic, deviceId, body: Buffer.from(letter.message, 'base64') },
        protocol,
        decode,
      );
      if (result.kind === 'samples') samples.push(...result.samples);
      else if (result.kind === 'dead') failed.push(result.letter);
    }
  }
  await spool.append(samples);
  return failed;
}
