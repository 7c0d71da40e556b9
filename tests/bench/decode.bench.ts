/**
 * Decoder throughput on one core: uplinks per second through decodeToSamples (decode plus the
 * timestamp back-calculation) for one realistic payload per protocol, each compared with
 * base64-decoding the same frm_payload strings, the step every uplink takes before it, measured
 * in the same run.
 */
import { decodeToSamples } from '../../services/domain/decoders/registry';
import { type NodeProtocol } from '../../services/domain/nodes/node-id';
import { decodeBase64 } from '../../services/domain/ttn/uplink-base64';
import { type BenchResult, measure } from './measure';

const decodes = Number(process.env.CLAIR_BENCH_DECODES ?? 200_000);
const recvTime = new Date('2021-09-21T10:35:57.125Z');

/** The frm_payload each protocol sends in service, and its sample count. */
const payloads: Record<NodeProtocol, { frmPayload: string; fPort: number; samples: number; what: string }> = {
  // SF9: 3 samples (original-clair.md §4.11).
  CLAIRCHEN: { frmPayload: 'AhvkGuQZ4w==', fPort: 1, samples: 3, what: '3 samples' },
  // COMo's configuration: 3 CO2 readings (original-clair.md §4.5, the TTN test message).
  ELSYSERS: { frmPayload: 'BgLHBgKrBgL6', fPort: 5, samples: 3, what: '3 CO2 readings' },
  TALKPOOLOY1012: { frmPayload: 'PkQdAhs=', fPort: 1, samples: 1, what: '1 sample' },
};
const protocols = Object.keys(payloads) as NodeProtocol[];

function bytesOf(protocol: NodeProtocol): Uint8Array {
  const bytes = decodeBase64(payloads[protocol].frmPayload);
  if (!bytes) throw new Error(`bench payload of ${protocol} is not base64`);
  return bytes;
}

/** Decodes `count` times; checking every sample count keeps the work from being optimized away. */
function decodeMany(protocol: NodeProtocol, count: number): void {
  const input = { bytes: bytesOf(protocol), fPort: payloads[protocol].fPort, recvTime };
  for (let i = 0; i < count; i++) {
    const { samples } = decodeToSamples(protocol, input);
    if (samples.length !== payloads[protocol].samples)
      throw new Error(`${protocol} bench payload decoded to ${samples.length} samples`);
  }
}

function base64Many(count: number): void {
  const texts = protocols.map((p) => payloads[p].frmPayload);
  let length = 0;
  for (let i = 0; i < count; i++) length += decodeBase64(texts[i % texts.length]!)!.length;
  if (length === 0) throw new Error('base64 baseline decoded nothing');
}

export async function runDecodeBench(): Promise<BenchResult[]> {
  // Warm-up, so the JIT has compiled every path before the clock runs.
  base64Many(decodes / 10);
  for (const protocol of protocols) decodeMany(protocol, decodes / 10);

  const baseline = await measure('base64-decode frm_payload (decode baseline)', decodes, 'payloads', async () =>
    base64Many(decodes),
  );
  const results: BenchResult[] = [{ ...baseline, baseline: baseline.name }];
  for (const protocol of protocols) {
    const result = await measure(
      `decodeToSamples ${protocol}, ${payloads[protocol].what}`,
      decodes,
      'uplinks',
      async () => decodeMany(protocol, decodes),
    );
    results.push({ ...result, baseline: baseline.name, ratioToBaseline: result.perSecond / baseline.perSecond });
  }
  return results;
}
