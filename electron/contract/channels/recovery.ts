import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';

/**
 * The recovery wizard (issue 8, point 3): samples a forwarder lost while it was cut off from TTN,
 * fetched back from the application's Storage Integration within its retention, decoded as the
 * forwarder decodes, stripped of what the database already has, and imported idempotently.
 * A run is kept in the core's state folder, so an import that was cancelled or crashed resumes.
 */

const environment = z.string().min(1);
const runId = z.string().regex(/^[a-z0-9-]+$/, 'is not a recovery run id');

/** One TTN application the environment's forwarders subscribe to. */
export const RecoveryApplication = z.object({
  applicationId: z.string(),
  /** The payload protocol of its devices, which decides the decoder and the node ids. */
  protocol: z.enum(['CLAIRCHEN', 'ELSYSERS']),
  /** The environment variable naming the application, for messages. */
  variable: z.string(),
});
export type RecoveryApplication = z.infer<typeof RecoveryApplication>;

export const RecoverySource = z.object({
  /** The Storage Integration's base URL (TTN_STORAGE_URL); never a key. */
  storageUrl: z.string(),
  applications: z.array(RecoveryApplication),
  /** What is missing before a recovery can run (a key file, an application id), in words. */
  problems: z.array(z.string()),
});
export type RecoverySource = z.infer<typeof RecoverySource>;

/** A time range, in Unix seconds, [fromS, toS]. */
export const RecoveryTimeRange = z.object({ fromS: z.number().int(), toS: z.number().int() });
export type RecoveryTimeRange = z.infer<typeof RecoveryTimeRange>;

/** A stretch without samples of one device, longer than its sampling interval allows. */
export const RecoverySampleGap = RecoveryTimeRange.extend({
  /** Samples the device would have sent in it at its usual interval. */
  expectedSamples: z.number().int().nonnegative(),
});
export type RecoverySampleGap = z.infer<typeof RecoverySampleGap>;

export const RecoveryDeviceGaps = z.object({
  nodeId: z.string(),
  alias: z.string(),
  eui: z.string(),
  /** Samples in the window already in the database. */
  samples: z.number().int().nonnegative(),
  /** The usual seconds between its samples (their median spacing, or the protocol's default). */
  intervalS: z.number().positive(),
  gaps: z.array(RecoverySampleGap),
});
export type RecoveryDeviceGaps = z.infer<typeof RecoveryDeviceGaps>;

export const RecoveryFindGapsRequest = z.object({
  environment,
  applicationId: z.string().min(1),
  /** The Storage Integration's retention: 24 h on TTN's community network, 30 days on TTN Cloud. */
  retentionHours: z
    .number()
    .int()
    .positive()
    .max(24 * 30),
});
export type RecoveryFindGapsRequest = z.infer<typeof RecoveryFindGapsRequest>;

export const RecoveryPlan = z.object({
  runId,
  environment,
  applicationId: z.string(),
  window: RecoveryTimeRange,
  devices: z.array(RecoveryDeviceGaps),
  /** The ranges to fetch: the devices' gaps merged, since one query per application is cheaper than one per device. */
  ranges: z.array(RecoveryTimeRange),
});
export type RecoveryPlan = z.infer<typeof RecoveryPlan>;

/** Something that went wrong for one request or one uplink; the rest is still recovered. */
export const RecoveryProblem = z.object({
  scope: z.enum(['request', 'uplink', 'device']),
  /** The range, device or uplink it is about, in words ("uplink f_cnt 17 of ers-0001 at …"). */
  subject: z.string(),
  message: z.string(),
});
export type RecoveryProblem = z.infer<typeof RecoveryProblem>;

export const RecoveryDevicePreview = z.object({
  nodeId: z.string(),
  deviceId: z.string(),
  /** Samples decoded from the fetched uplinks. */
  fetched: z.number().int().nonnegative(),
  /** Of those, already in the database. */
  present: z.number().int().nonnegative(),
  /** Of those, new: what an import writes. */
  missing: z.number().int().nonnegative(),
  /** The node is not registered in this database: its samples cannot be imported. */
  unknownNode: z.boolean(),
  /** Frame counters TTN never stored either: lost before TTN, not recoverable. */
  lostFrames: z.number().int().nonnegative(),
});
export type RecoveryDevicePreview = z.infer<typeof RecoveryDevicePreview>;

export const RecoveryPreview = z.object({
  runId,
  uplinks: z.number().int().nonnegative(),
  devices: z.array(RecoveryDevicePreview),
  problems: z.array(RecoveryProblem),
});
export type RecoveryPreview = z.infer<typeof RecoveryPreview>;

export const RecoveryFetchEvent = z.discriminatedUnion('type', [
  /** After each page: ranges done of all, uplinks so far. */
  z.object({
    type: z.literal('progress'),
    rangesDone: z.number().int(),
    ranges: z.number().int(),
    uplinks: z.number().int(),
  }),
  z.object({ type: z.literal('problem'), problem: RecoveryProblem }),
  z.object({ type: z.literal('preview'), preview: RecoveryPreview }),
]);
export type RecoveryFetchEvent = z.infer<typeof RecoveryFetchEvent>;

export const RecoveryReport = z.object({
  runId,
  environment,
  applicationId: z.string(),
  /** Samples written now; samples that were there already (a resumed or repeated import). */
  inserted: z.number().int().nonnegative(),
  alreadyPresent: z.number().int().nonnegative(),
  /** Samples not imported: their node is not registered. */
  skipped: z.number().int().nonnegative(),
  devices: z.array(RecoveryDevicePreview),
  problems: z.array(RecoveryProblem),
  finishedAt: z.string(),
});
export type RecoveryReport = z.infer<typeof RecoveryReport>;

export const RecoveryImportEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    done: z.number().int(),
    total: z.number().int(),
    inserted: z.number().int(),
  }),
  z.object({ type: z.literal('report'), report: RecoveryReport }),
]);
export type RecoveryImportEvent = z.infer<typeof RecoveryImportEvent>;

/** A run kept in the state folder, so the wizard can offer to resume it. */
export const RecoveryRunSummary = z.object({
  runId,
  applicationId: z.string(),
  stage: z.enum(['planned', 'fetched', 'importing', 'imported']),
  createdAt: z.string(),
  /** Samples imported of all to import, once fetched. */
  done: z.number().int(),
  total: z.number().int(),
});
export type RecoveryRunSummary = z.infer<typeof RecoveryRunSummary>;

export const RecoverySeriesPoint = z.object({ t: z.number(), co2: z.number(), recovered: z.boolean() });
export type RecoverySeriesPoint = z.infer<typeof RecoverySeriesPoint>;

const RunRequest = z.object({ environment, runId });

export const recoveryChannels = {
  /** The Storage Integration and the applications the environment file names. */
  source: defineInvoke('recovery:source', z.object({ environment }), RecoverySource),
  /** The devices' gaps in the database within the retention window, as a new run. */
  findGaps: defineInvoke('recovery:find-gaps', RecoveryFindGapsRequest, RecoveryPlan),
  /** Runs of an environment kept in the state folder, newest first. */
  runs: defineInvoke('recovery:runs', z.object({ environment }), z.array(RecoveryRunSummary)),
  /** Fetches the run's ranges, decodes them and compares with the database; ends with the preview. */
  fetch: defineStream('recovery:fetch', RunRequest, RecoveryFetchEvent),
  /** One device's CO2 in the window: the database's samples and the recovered ones. */
  series: defineInvoke('recovery:series', RunRequest.extend({ nodeId: z.string() }), z.array(RecoverySeriesPoint)),
  /** Imports the missing samples in batches; unsubscribing cancels, calling again resumes. */
  import: defineStream('recovery:import', RunRequest.extend({ confirm: z.string().optional() }), RecoveryImportEvent, {
    title: 'Imported recovered samples',
  }),
  /** Writes the recovered samples as a Django fixture of core.sample records; answers its path. */
  writeFixture: defineInvoke(
    'recovery:write-fixture',
    RunRequest,
    z.object({ path: z.string(), records: z.number() }),
    {
      title: 'Wrote recovered samples as a fixture',
    },
  ),
};
