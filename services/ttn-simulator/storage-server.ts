import { Readable } from 'node:stream';

import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';

import { applyFieldMask, invalidMaskPaths } from './field-mask';
import { RateLimiter } from './rate-limiter';
import {
  type Continuation,
  countQuerySchema,
  decodeContinuation,
  encodeContinuation,
  type StorageQuery,
  storageQuerySchema,
  storedTypes,
} from './storage-query';
import { parseNanoTimestamp } from './ttn-time';
import type { UplinkHistory } from './uplink-history';

export const trafficReadRight = 'RIGHT_APPLICATION_TRAFFIC_READ';

export interface StorageApiKey {
  key: string;
  applicationId: string;
  rights: readonly string[];
}

export interface StorageServerOptions {
  applicationId: string;
  history: UplinkHistory;
  /** Further applications with their histories, on the same server (the dev stack has two forwarders). */
  otherApplications?: readonly { applicationId: string; history: UplinkHistory }[];
  apiKeys: readonly StorageApiKey[];
  now: () => Date;
  /** TTN Sandbox keeps 24 hours (ttn-formats.md §3.1). */
  retentionMs?: number;
  /** Requests per minute and key before 429; unlimited when absent. */
  rateLimitPerMinute?: number;
  /** Whether to send `X-Continuation-Token` when a page is full; whether TTN does is open (§3.5, §7). */
  continuationTokens?: boolean;
  /** After this many results, end the stream with an `{"error": …}` chunk, as a failing AS does. */
  errorAfterResults?: number;
  /** After this many results, send half of the next one and end the body: a connection cut mid-message. */
  truncateAfterResults?: number;
  /** How many streams the two faults above hit, the first ones; every stream when absent. */
  faultyStreams?: number;
}

/** gRPC status codes in TTN error bodies (ttn-formats.md §3.6) and their HTTP statuses. */
const grpc = {
  invalidArgument: { code: 3, http: 400 },
  permissionDenied: { code: 7, http: 403 },
  resourceExhausted: { code: 8, http: 429 },
  unavailable: { code: 14, http: 503 },
  unauthenticated: { code: 16, http: 401 },
} as const;

function errorBody(status: (typeof grpc)[keyof typeof grpc], namespace: string, name: string, message: string) {
  return {
    code: status.code,
    message: `error:${namespace}:${name} (${message})`,
    details: [
      {
        '@type': 'type.googleapis.com/ttn.lorawan.v3.ErrorDetails',
        namespace,
        name,
        message_format: message,
        code: status.code,
      },
    ],
  };
}

function sendError(
  reply: FastifyReply,
  status: (typeof grpc)[keyof typeof grpc],
  namespace: string,
  name: string,
  message: string,
) {
  return reply
    .code(status.http)
    .type('application/json')
    .send(errorBody(status, namespace, name, message));
}

interface StorageParams {
  application_id: string;
  device_id?: string;
  type: string;
}

/**
 * A stand-in for TTN's Storage Integration HTTP API (ttn-formats.md §3): the same paths,
 * Bearer API keys, query parameters and newline-delimited `{"result": …}` framing, serving the
 * simulator's history. Stored messages carry no `correlation_ids`, as in the documented example.
 */
export function storageServer(options: StorageServerOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  const limiter =
    options.rateLimitPerMinute === undefined ? undefined : new RateLimiter(options.rateLimitPerMinute, options.now);
  const retentionMs = options.retentionMs ?? 24 * 3_600_000;
  let streamsServed = 0;
  const histories = new Map<string, UplinkHistory>([
    [options.applicationId, options.history],
    ...(options.otherApplications ?? []).map((other) => [other.applicationId, other.history] as const),
  ]);

  /** Rate limit, API key and rights, and the path's type: the reply sent on refusal, else undefined. */
  const admit = (request: FastifyRequest<{ Params: StorageParams }>, reply: FastifyReply) => {
    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (limiter) {
      const state = limiter.take(bearer ?? request.ip);
      void reply.headers({
        'X-Rate-Limit-Limit': String(state.limit),
        'X-Rate-Limit-Available': String(state.available),
        'X-Rate-Limit-Reset': String(state.resetS),
      });
      if (!state.allowed) {
        void reply.header('X-Rate-Limit-Retry', String(state.resetS));
        return sendError(
          reply,
          grpc.resourceExhausted,
          'pkg/ratelimit',
          'rate_limit_exceeded',
          `rate limit of \`${state.limit}\` accesses per minute exceeded for resource \`http:as:storage\``,
        );
      }
    }
    if (bearer === undefined) {
      return sendError(reply, grpc.unauthenticated, 'pkg/auth', 'missing_auth', 'missing authorization');
    }
    // One key text may be registered for several applications (a dev stack's shared key).
    const keys = options.apiKeys.filter((candidate) => candidate.key === bearer);
    if (keys.length === 0) {
      return sendError(reply, grpc.unauthenticated, 'pkg/identityserver', 'api_key_not_found', 'api key not found');
    }
    const { application_id: applicationId, type } = request.params;
    const apiKey = keys.find((candidate) => candidate.applicationId === applicationId);
    if (!apiKey || !histories.has(applicationId) || !apiKey.rights.includes(trafficReadRight)) {
      return sendError(
        reply,
        grpc.permissionDenied,
        'pkg/auth/rights',
        'no_application_rights',
        `no rights for application \`${applicationId}\``,
      );
    }
    if (!(storedTypes as readonly string[]).includes(type)) {
      return sendError(reply, grpc.invalidArgument, 'pkg/ttnpb', 'field_with_value', `invalid value of field \`type\``);
    }
    return undefined;
  };

  /** Stored uplinks in the filter's window, order and device, after the continuation's last one. */
  const matching = function* (filter: Continuation, params: StorageParams, resume: boolean) {
    const { application_id: applicationId, device_id: deviceId, type } = params;
    const nowNs = BigInt(options.now().getTime()) * 1_000_000n;
    // Both bounds exclusive: "after this timestamp only" (§3.3); undocumented, so an inference.
    const afterNs = maxBigInt(
      filter.afterNs === undefined ? undefined : BigInt(filter.afterNs),
      nowNs - BigInt(retentionMs) * 1_000_000n,
    );
    const beforeNs = minBigInt(filter.beforeNs === undefined ? undefined : BigInt(filter.beforeNs), nowNs + 1n);
    if (type !== 'uplink_message' || afterNs >= beforeNs) return;
    const fromMs = Number(afterNs / 1_000_000n);
    const toMs = Number(beforeNs / 1_000_000n) + 1;
    const history = histories.get(applicationId)!;
    for (const message of history.between(fromMs, toMs, filter.descending ? 'descending' : 'ascending')) {
      const receivedNs = parseNanoTimestamp(message.received_at) ?? 0n;
      if (receivedNs <= afterNs || receivedNs >= beforeNs) continue;
      if (deviceId !== undefined && message.end_device_ids.device_id !== deviceId) continue;
      if (filter.fPort !== undefined && message.uplink_message.f_port !== filter.fPort) continue;
      if (resume && !isPast(filter, receivedNs, message.end_device_ids.device_id)) continue;
      yield { message, receivedNs };
    }
  };

  /** The filters of a request without a continuation token. */
  const initialFilter = (query: StorageQuery): Continuation => {
    const nowNs = BigInt(options.now().getTime()) * 1_000_000n;
    return {
      limit: query.limit,
      afterNs: (query.last !== undefined ? nowNs - BigInt(Math.round(query.last * 1e6)) : query.after)?.toString(),
      beforeNs: query.before?.toString(),
      fPort: query.f_port,
      descending: query.order === '-received_at',
      fieldMask: query.field_mask,
      lastReceivedNs: '',
      lastDeviceId: '',
    };
  };

  const invalidQuery = (reply: FastifyReply, error: z.ZodError) =>
    sendError(reply, grpc.invalidArgument, 'pkg/ttnpb', 'validation', error.issues[0]?.message ?? 'invalid query');

  const handler = async (request: FastifyRequest<{ Params: StorageParams }>, reply: FastifyReply) => {
    const rejected = admit(request, reply);
    if (rejected) return rejected;
    const parsed = storageQuerySchema.safeParse(request.query);
    if (!parsed.success) return invalidQuery(reply, parsed.error);
    const query = parsed.data;
    let continuation: Continuation | undefined;
    if (query.continuation_token !== undefined) {
      continuation = decodeContinuation(query.continuation_token);
      if (!continuation) {
        return sendError(
          reply,
          grpc.invalidArgument,
          'pkg/applicationserver/io/packages/storage',
          'invalid_token',
          'invalid continuation token',
        );
      }
    }
    const fieldMask = continuation ? continuation.fieldMask : query.field_mask;
    const badPaths = invalidMaskPaths(fieldMask ?? []);
    if (badPaths.length > 0) {
      return sendError(
        reply,
        grpc.invalidArgument,
        'pkg/ttnpb',
        'field_mask_paths',
        `invalid field mask paths \`${badPaths.join(',')}\``,
      );
    }

    // With a token, the first request's filters apply and everything else is ignored (§3.5).
    const filter = continuation ?? initialFilter(query);
    const accepts = request.headers.accept ?? '';
    // text/event-stream frames with a blank line, anything else with one newline (§3.4).
    const eventStream = accepts.includes('text/event-stream');
    const delimiter = eventStream ? '\n\n' : '\n';

    const page: { json: string; receivedNs: bigint; deviceId: string }[] = [];
    let more = false;
    for (const { message, receivedNs } of matching(filter, request.params, continuation !== undefined)) {
      if (filter.limit !== undefined && filter.limit > 0 && page.length === filter.limit) {
        more = true;
        break;
      }
      const stored: Record<string, unknown> = { ...message };
      delete stored.correlation_ids;
      const body = fieldMask && fieldMask.length > 0 ? applyFieldMask(stored, fieldMask) : stored;
      page.push({ json: JSON.stringify({ result: body }), receivedNs, deviceId: message.end_device_ids.device_id });
    }
    const last = page.at(-1);
    if (more && last && options.continuationTokens !== false) {
      void reply.header(
        'X-Continuation-Token',
        encodeContinuation({ ...filter, lastReceivedNs: last.receivedNs.toString(), lastDeviceId: last.deviceId }),
      );
    }
    const faulty = options.faultyStreams === undefined || streamsServed < options.faultyStreams;
    streamsServed += 1;
    const failAfter = faulty ? options.errorAfterResults : undefined;
    const truncateAfter = faulty ? options.truncateAfterResults : undefined;
    const chunks = function* () {
      for (const [index, item] of page.entries()) {
        if (failAfter !== undefined && index === failAfter) break;
        if (truncateAfter !== undefined && index === truncateAfter) {
          yield item.json.slice(0, Math.floor(item.json.length / 2));
          return;
        }
        yield item.json + delimiter;
      }
      if (failAfter !== undefined && page.length >= failAfter) {
        // grpc-gateway's errorChunk: the status stays 200, the stream ends with the error (§3.4).
        const { code, message, details } = errorBody(
          grpc.unavailable,
          'pkg/applicationserver/io/packages/storage',
          'storage_unavailable',
          'storage unavailable',
        );
        yield JSON.stringify({ error: { code, message, details } }) + delimiter;
      }
    };
    return reply
      .code(200)
      .type(eventStream ? 'text/event-stream' : 'application/json')
      .send(Readable.from(coalesced(chunks())));
  };

  /** `GetStoredApplicationUpCount`: `{"count": {"<device id>": n}}` for the same filters (§3.4). */
  const countHandler = async (request: FastifyRequest<{ Params: StorageParams }>, reply: FastifyReply) => {
    const rejected = admit(request, reply);
    if (rejected) return rejected;
    const parsed = countQuerySchema.safeParse(request.query);
    if (!parsed.success) return invalidQuery(reply, parsed.error);
    const count: Record<string, number> = {};
    for (const { message } of matching(initialFilter(parsed.data), request.params, false)) {
      const id = message.end_device_ids.device_id;
      count[id] = (count[id] ?? 0) + 1;
    }
    return reply.type('application/json').send({ count });
  };

  app.get('/api/v3/as/applications/:application_id/packages/storage/:type', handler);
  app.get('/api/v3/as/applications/:application_id/packages/storage/:type/count', countHandler);
  app.get('/api/v3/as/applications/:application_id/devices/:device_id/packages/storage/:type', handler);
  app.get('/api/v3/as/applications/:application_id/devices/:device_id/packages/storage/:type/count', countHandler);
  return app;
}

/** Joins the messages into writes of about 64 KiB: a socket write per message costs more than the message. */
function* coalesced(chunks: Iterable<string>, size = 65_536): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending !== '') yield pending;
}

/** Whether a message comes after the continuation's last result in the page order. */
function isPast(continuation: Continuation, receivedNs: bigint, deviceId: string): boolean {
  // Tokens name the last result sent; a message at the same instant from another device is new.
  const lastNs = BigInt(continuation.lastReceivedNs);
  if (receivedNs !== lastNs) return continuation.descending ? receivedNs < lastNs : receivedNs > lastNs;
  return deviceId !== continuation.lastDeviceId;
}

function maxBigInt(a: bigint | undefined, b: bigint): bigint {
  return a === undefined || b > a ? b : a;
}

function minBigInt(a: bigint | undefined, b: bigint): bigint {
  return a === undefined || b < a ? b : a;
}
