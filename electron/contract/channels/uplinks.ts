import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';

/**
 * How many uplinks the live view keeps, in the renderer's table and in the core's copy of the
 * raw messages alike: the same number on both sides, so every row still in the table can show
 * its raw JSON and be saved. TTN's Console keeps 2,000 events.
 */
export const uplinkHistory = 50_000;

/** The environment's two TTN applications, by the node kind (and decoder) each carries. */
export const uplinkApplications = ['clairchen', 'ers'] as const;
export const UplinkApplication = z.enum(uplinkApplications);
export type UplinkApplication = z.infer<typeof UplinkApplication>;

/** TTN's MQTT server (TTN_MQTT_URL, with the API keys), or the dev extension's simulated TTN. */
export const UplinkSourceKind = z.enum(['ttn', 'dev-broker']);
export type UplinkSourceKind = z.infer<typeof UplinkSourceKind>;

export const UplinkSource = z.object({
  kind: UplinkSourceKind,
  /** The broker's address, without credentials. */
  url: z.string(),
  /** Why it cannot be watched (a missing variable or API key file); empty when it can. */
  problems: z.array(z.string()),
});
export type UplinkSource = z.infer<typeof UplinkSource>;

export const UplinkSources = z.object({
  tenant: z.string(),
  applications: z.array(z.object({ application: UplinkApplication, applicationId: z.string() })),
  sources: z.array(UplinkSource),
});
export type UplinkSources = z.infer<typeof UplinkSources>;

/** What decoding gave: samples, or why there are none (the forwarders' own reasons). */
export const UplinkStatus = z.enum(['decoded', 'decode_error', 'bad_uplink', 'no_payload']);
export type UplinkStatus = z.infer<typeof UplinkStatus>;

export const UplinkSample = z.object({
  timestampS: z.number(),
  co2Ppm: z.number(),
  temperatureCelsius: z.number().nullable(),
  relHumidityPercent: z.number().nullable(),
});
export type UplinkSample = z.infer<typeof UplinkSample>;

/**
 * One received uplink as the table shows it. The raw JSON stays in the core (`uplinks:raw`):
 * rows arrive by the thousand and every batch is validated, so they carry only what the table
 * and its filters need.
 */
export const UplinkRow = z.object({
  /** Counts the session's messages from 0: the row's key, and how `raw` and `save` name it. */
  seq: z.number().int().nonnegative(),
  application: UplinkApplication,
  /** From the topic; the message's own id when the topic has none. */
  deviceId: z.string(),
  devEui: z.string().optional(),
  /** RFC 3339: when the network server received it, else when the control centre did. */
  receivedAt: z.string(),
  fPort: z.number().int().optional(),
  fCnt: z.number().int().optional(),
  /** The best reception over all gateways. */
  rssi: z.number().optional(),
  snr: z.number().optional(),
  gateways: z.number().int().nonnegative(),
  status: UplinkStatus,
  /** Why it did not decode, for every status but `decoded`. */
  error: z.string().optional(),
  samples: z.array(UplinkSample),
  /** Size of the raw message. */
  bytes: z.number().int().nonnegative(),
});
export type UplinkRow = z.infer<typeof UplinkRow>;

export const UplinkConnectionState = z.enum(['connecting', 'connected', 'reconnecting', 'refused']);
export type UplinkConnectionState = z.infer<typeof UplinkConnectionState>;

export const WatchUplinksRequest = z.object({
  environment: z.string(),
  source: UplinkSourceKind,
});
export type WatchUplinksRequest = z.infer<typeof WatchUplinksRequest>;

export const UplinksEvent = z.discriminatedUnion('type', [
  /** First of all: the session whose raw messages `raw` and `save` read. */
  z.object({ type: z.literal('session'), session: z.string() }),
  /** One application's connection: connecting, connected, retrying after `message`, or refused for good. */
  z.object({
    type: z.literal('connection'),
    application: UplinkApplication,
    applicationId: z.string(),
    state: UplinkConnectionState,
    message: z.string().optional(),
  }),
  /** The rows decoded since the last batch, oldest first. */
  z.object({ type: z.literal('uplinks'), rows: z.array(UplinkRow) }),
]);
export type UplinksEvent = z.infer<typeof UplinksEvent>;

export const RawUplinkRequest = z.object({ session: z.string(), seq: z.number().int().nonnegative() });

export const RawUplink = z.object({
  seq: z.number().int(),
  topic: z.string(),
  /** The message as received, cut at `shownLimit` characters. */
  text: z.string(),
  truncated: z.boolean(),
});
export type RawUplink = z.infer<typeof RawUplink>;

/**
 * A capture is JSON Lines, each line one TTN ApplicationUp exactly as received (what the fixture
 * import opens); a samples fixture is the original's Django fixture of `core.sample` records.
 */
export const UplinkSaveFormat = z.enum(['capture', 'samples-fixture']);
export type UplinkSaveFormat = z.infer<typeof UplinkSaveFormat>;

export const SaveUplinksRequest = z.object({
  environment: z.string(),
  session: z.string(),
  /** The rows to save, in order. */
  seqs: z.array(z.number().int().nonnegative()).min(1, 'no uplinks are selected'),
  format: UplinkSaveFormat,
  /** A file name (saved in the Downloads folder) or an absolute path. */
  file: z.string().trim().min(1, 'name the file'),
});
export type SaveUplinksRequest = z.infer<typeof SaveUplinksRequest>;

export const SaveUplinksResult = z.object({
  path: z.string(),
  /** Lines (capture) or sample records (fixture) written. */
  count: z.number().int(),
  /** Uplinks left out, and why: raw messages no longer kept, or (fixture) nothing decoded. */
  skipped: z.array(z.string()),
});
export type SaveUplinksResult = z.infer<typeof SaveUplinksResult>;

export const uplinksChannels = {
  sources: defineInvoke('uplinks:sources', z.object({ environment: z.string() }), UplinkSources),
  watch: defineStream('uplinks:watch', WatchUplinksRequest, UplinksEvent),
  raw: defineInvoke('uplinks:raw', RawUplinkRequest, RawUplink),
  save: defineInvoke('uplinks:save', SaveUplinksRequest, SaveUplinksResult, { title: 'Saved live uplinks' }),
};
