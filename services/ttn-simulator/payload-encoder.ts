import type { NodeProtocol } from '../domain/nodes/node-id';
import { encodeClairchen } from './clairchen-encoder';
import { encodeErs } from './ers-encoder';
import { encodeOy1012 } from './oy1012-encoder';
import type { ClimateSample } from './room-climate';

/** The FRMPayload a device of this protocol sends for these samples (oldest first). */
export function encodePayload(protocol: NodeProtocol, samples: readonly ClimateSample[]): Uint8Array {
  switch (protocol) {
    case 'CLAIRCHEN':
      return encodeClairchen(samples);
    case 'ELSYSERS':
      return encodeErs(samples);
    case 'TALKPOOLOY1012': {
      const [sample] = samples;
      if (!sample || samples.length > 1) throw new RangeError('An OY1012 message carries exactly one sample');
      return encodeOy1012(sample);
    }
  }
}
