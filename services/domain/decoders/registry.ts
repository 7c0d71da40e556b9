import { type NodeProtocol } from '../nodes/node-id';
import { clairchenDecoder } from './clairchen';
import { type DecodedSample, type DecodeInput, type Decoder } from './decoder';
import { elsysErsDecoder } from './elsys-ers';
import { talkpoolOy1012Decoder } from './talkpool-oy1012';

/** The decoder of each protocol the platform knows. */
export const decoders: Record<NodeProtocol, Decoder> = {
  CLAIRCHEN: clairchenDecoder,
  ELSYSERS: elsysErsDecoder,
  TALKPOOLOY1012: talkpoolOy1012Decoder,
};

/**
 * Decodes one uplink into the samples managair stores. Never throws: a decoder that does is a
 * bug, reported as an error rather than taking the ingest loop down. Errors mean no samples.
 */
export function decodeToSamples(
  protocol: NodeProtocol,
  input: DecodeInput,
): { samples: DecodedSample[]; data?: unknown; warnings: string[]; errors: string[] } {
  const decoder = decoders[protocol];
  try {
    const { data, warnings, errors } = decoder.decodeUplink(input);
    if (errors.length > 0 || data === undefined) {
      return { samples: [], warnings, errors: errors.length > 0 ? errors : ['decoder returned no data'] };
    }
    return { samples: decoder.toSamples(data, input.recvTime), data, warnings, errors };
  } catch (error) {
    return { samples: [], warnings: [], errors: [`${protocol} decoder failed: ${String(error)}`] };
  }
}
