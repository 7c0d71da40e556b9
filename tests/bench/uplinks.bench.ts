/**
 * The live uplinks view on one core. The core's pipeline per message (keep the raw bytes, parse,
 * decode with the forwarders' decoder, read the reception fields, validate the outgoing batch as
 * the dispatcher does) against JSON.parse of the same messages alone, measured in the same run;
 * then the renderer's buffer appending 50,000 rows in batches with a filter active and refiltering
 * them, against a plain array push and Array.filter of the same rows.
 */
import { UplinksEvent, type UplinkRow, uplinkHistory } from '../../electron/contract';
import { CaptureRing } from '../../electron/core/uplinks/capture-ring';
import { decodeRow } from '../../electron/core/uplinks/decode-row';
import { defaultRowBatching } from '../../electron/core/uplinks/row-batcher';
import { ttnUplinkDecoder } from '../../services/domain/ttn/uplink-decoding';
import { uplinkMessage } from '../../services/ttn-simulator/uplink-message';
import { simulatedInventory } from '../../services/ttn-simulator/simulated-nodes';
import { UplinkSchedule } from '../../services/ttn-simulator/uplink-schedule';
import { everyUplink, UplinkBuffer, type UplinkFilter } from '../../renderer/src/stores/uplink-buffer';
import { type BenchResult, measure } from './measure';

const messageCount = Number(process.env.CLAIR_BENCH_UPLINKS ?? 50_000);
const seed = 5;
const batch = defaultRowBatching.maxBatch;

/** Simulated Clairchen and ERS uplinks as TTN publishes them, the bytes the broker delivers. */
function corpus(): { application: 'clairchen' | 'ers'; topic: string; body: Buffer }[] {
  const nodes = simulatedInventory(seed, 20).filter((node) => node.protocol !== 'TALKPOOLOY1012');
  const schedule = new UplinkSchedule(nodes, { seed, epoch: new Date('2026-11-01T00:00:00Z'), uplinkIntervalS: 1 });
  const start = Date.parse('2026-11-29T08:00:00Z');
  const messages = [];
  for (const uplink of schedule.between(start, Number.POSITIVE_INFINITY)) {
    if (messages.length === messageCount) break;
    const clairchen = uplink.node.protocol === 'CLAIRCHEN';
    messages.push({
      application: clairchen ? ('clairchen' as const) : ('ers' as const),
      topic: `v3/${clairchen ? 'clairchen' : 'ers'}@ttn/devices/${uplink.node.deviceId}/up`,
      body: Buffer.from(JSON.stringify(uplinkMessage({ seed, applicationId: 'bench' }, uplink))),
    });
  }
  return messages;
}

function parseAll(messages: ReturnType<typeof corpus>): void {
  let devices = 0;
  for (const { body } of messages) {
    if ((JSON.parse(body.toString('utf8')) as { end_device_ids?: unknown }).end_device_ids) devices++;
  }
  if (devices !== messages.length) throw new Error('the baseline parsed fewer uplinks than it got');
}

function pipeline(messages: ReturnType<typeof corpus>): UplinkRow[] {
  const decoders = { clairchen: ttnUplinkDecoder('CLAIRCHEN'), ers: ttnUplinkDecoder('ELSYSERS') };
  const ring = new CaptureRing(uplinkHistory, 256 * 1024 * 1024);
  const rows: UplinkRow[] = [];
  let pending: UplinkRow[] = [];
  for (const message of messages) {
    const captured = ring.add(message);
    const row = decodeRow({ ...captured, arrivedAt: new Date() }, decoders[message.application]);
    if (row.status !== 'decoded') throw new Error(`bench uplink ${row.seq} did not decode: ${row.error}`);
    rows.push(row);
    pending.push(row);
    if (pending.length === batch) {
      UplinksEvent.parse({ type: 'uplinks', rows: pending });
      pending = [];
    }
  }
  if (pending.length > 0) UplinksEvent.parse({ type: 'uplinks', rows: pending });
  return rows;
}

function appendAndFilter(rows: UplinkRow[], filter: UplinkFilter): number {
  const buffer = new UplinkBuffer(uplinkHistory);
  for (let start = 0; start < rows.length; start += batch) buffer.add(rows.slice(start, start + batch), filter);
  buffer.refilter({ ...everyUplink, problemsOnly: false, fPort: 5 });
  return buffer.matchCount;
}

function plainArrays(rows: UplinkRow[], deviceId: string): number {
  const kept: UplinkRow[] = [];
  for (let start = 0; start < rows.length; start += batch) kept.push(...rows.slice(start, start + batch));
  return kept.filter((row) => row.deviceId === deviceId).length + kept.filter((row) => row.fPort === 5).length;
}

export async function runUplinksBench(): Promise<BenchResult[]> {
  const messages = corpus();
  // Warm-up, so the JIT has compiled every path before the clock runs.
  parseAll(messages.slice(0, 2_000));
  const warm = pipeline(messages.slice(0, 2_000));
  appendAndFilter(warm, everyUplink);

  const parsed = await measure(
    'JSON.parse of TTN uplinks (live uplinks baseline)',
    messages.length,
    'uplinks',
    async () => parseAll(messages),
  );
  let rows: UplinkRow[] = [];
  const decoded = await measure(
    'live uplinks pipeline: capture, decode, row, batch check',
    messages.length,
    'uplinks',
    async () => {
      rows = pipeline(messages);
    },
  );

  const deviceId = rows[0]!.deviceId;
  const filter = { ...everyUplink, deviceId };
  const plain = await measure('array push + filter of 50,000 rows (store baseline)', rows.length, 'rows', async () => {
    if (plainArrays(rows, deviceId) === 0) throw new Error('the baseline matched nothing');
  });
  const store = await measure(
    'uplinks store: append 50,000 rows filtered by device, refilter by port',
    rows.length,
    'rows',
    async () => {
      if (appendAndFilter(rows, filter) === 0) throw new Error('the store matched nothing');
    },
  );
  return [
    { ...parsed, baseline: parsed.name },
    { ...decoded, baseline: parsed.name, ratioToBaseline: decoded.perSecond / parsed.perSecond },
    { ...plain, baseline: plain.name },
    { ...store, baseline: plain.name, ratioToBaseline: store.perSecond / plain.perSecond },
  ];
}
