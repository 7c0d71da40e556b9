import type { RecoveryProblem, RecoveryTimeRange } from '../../contract';
import { errorItem, parseStoredUplinkStream } from './stored-uplink-stream';

export interface StorageAccess {
  /** TTN_STORAGE_URL: `https://eu1.cloud.thethings.network`. */
  baseUrl: string;
  applicationId: string;
  /** The application's API key; it goes into the Authorization header and nowhere else. */
  apiKey: string;
}

export interface FetchRangeOptions {
  signal: AbortSignal;
  /** Results per request; the server pages with a continuation token or we page by time. */
  pageLimit?: number;
  /** Failed attempts (dropped stream, error object, 5xx) per range before it is given up. */
  maxFailures?: number;
  /** 429 answers per range before it is given up: a storm is waited out, not endless. */
  maxRateLimitWaits?: number;
  /** Injected in tests; waits for real otherwise. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type RangeEvent =
  | { kind: 'uplinks'; uplinks: unknown[] }
  | { kind: 'problem'; problem: RecoveryProblem }
  /** TTN refused the request for good (key, rights, application id): no other range will do better. */
  | { kind: 'refused'; problem: RecoveryProblem };

/** Longest single wait for a rate limit, whatever the server asks. */
const maxWaitMs = 60_000;

/**
 * Every stored uplink of an application in `range` (exclusive bounds, ttn-formats.md §3.3), a page
 * at a time, surviving what TTN does to long downloads: 429 with X-Rate-Limit-Retry (waited out),
 * an `{"error": …}` object after a 200 and a stream cut off mid-message (both reported, then the
 * range continues after the last message received). Messages seen twice across a retry are
 * dropped here, by device and `received_at`.
 */
export async function* fetchRange(
  access: StorageAccess,
  range: RecoveryTimeRange,
  options: FetchRangeOptions,
): AsyncGenerator<RangeEvent> {
  const pageLimit = options.pageLimit ?? 1000;
  const sleep = options.sleep ?? abortableSleep;
  const maxFailures = options.maxFailures ?? 5;
  const subject = `${iso(range.fromS * 1000)} – ${iso(range.toS * 1000)}`;
  const problem = (message: string): RecoveryProblem => ({ scope: 'request', subject, message });
  const seen = new Set<string>();
  let cursorMs = range.fromS * 1000;
  let token: string | undefined;
  let failures = 0;
  let waits = 0;
  /** The newest `received_at` received in this range: a retry by time starts just before it. */
  let lastMs: number | undefined;
  const giveUp = (why: string) => problem(`${why}; gave up on this range after ${failures} failed attempts`);

  while (!options.signal.aborted) {
    const url = pageUrl(access, range, { cursorMs, token, pageLimit });
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${access.apiKey}` },
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal.aborted) return;
      failures += 1;
      const why = `cannot reach ${access.baseUrl} (${describe(error)})`;
      if (failures >= maxFailures) {
        yield { kind: 'problem', problem: giveUp(why) };
        return;
      }
      await sleep(backoffMs(failures), options.signal);
      continue;
    }

    if (response.status === 429) {
      await response.body?.cancel();
      waits += 1;
      if (waits > (options.maxRateLimitWaits ?? 30)) {
        yield { kind: 'problem', problem: problem(`TTN kept answering 429 (rate limit) ${waits} times`) };
        return;
      }
      await sleep(retryAfterMs(response.headers, waits), options.signal);
      continue;
    }
    if (response.status !== 200) {
      const refusal = await refusalMessage(response, access);
      if (response.status >= 500) {
        failures += 1;
        if (failures >= maxFailures) {
          yield { kind: 'problem', problem: giveUp(refusal) };
          return;
        }
        await sleep(backoffMs(failures), options.signal);
        continue;
      }
      yield { kind: 'refused', problem: problem(refusal) };
      return;
    }

    const page: unknown[] = [];
    let received = 0;
    let failure: string | undefined;
    try {
      for await (const item of parseStoredUplinkStream(response.body ?? emptyBody())) {
        if (item.kind === 'error') {
          failure = `TTN ended the stream with an error after ${received} messages: ${item.message}`;
          break;
        }
        if (item.kind === 'garbled') {
          failure = `the stream broke off after ${received} messages (unreadable chunk "${item.text}")`;
          break;
        }
        received += 1;
        const key = messageKey(item.result);
        lastMs = key.receivedMs ?? lastMs;
        if (seen.has(key.id)) continue;
        seen.add(key.id);
        page.push(item.result);
      }
    } catch (error) {
      if (options.signal.aborted) return;
      failure = `the connection dropped after ${received} messages (${describe(error)})`;
    }
    if (page.length > 0) yield { kind: 'uplinks', uplinks: page };

    const nextToken = response.headers.get('x-continuation-token') ?? undefined;
    if (failure !== undefined) {
      failures += 1;
      yield { kind: 'problem', problem: problem(`${failure}; fetching the rest again`) };
      if (failures >= maxFailures) {
        yield { kind: 'problem', problem: giveUp('the stream kept failing') };
        return;
      }
      // Continue by time from just before the last message: the token of a broken page is not trusted.
      if (lastMs !== undefined) cursorMs = Math.max(cursorMs, lastMs - 1);
      token = undefined;
      await sleep(backoffMs(failures), options.signal);
      continue;
    }
    if (nextToken !== undefined) {
      token = nextToken;
    } else if (received >= pageLimit && page.length === 0) {
      // A whole page of messages already seen: paging by time cannot get past this instant.
      yield { kind: 'problem', problem: problem(`more than ${pageLimit} uplinks share one millisecond`) };
      return;
    } else if (received >= pageLimit && lastMs !== undefined) {
      // No token (TTN may not expose it, §3.5): the next page starts just before the last message.
      cursorMs = Math.max(cursorMs, lastMs - 1);
      token = undefined;
    } else {
      return;
    }
  }
}

function pageUrl(
  access: StorageAccess,
  range: RecoveryTimeRange,
  page: { cursorMs: number; token: string | undefined; pageLimit: number },
): string {
  const url = new URL(
    `/api/v3/as/applications/${encodeURIComponent(access.applicationId)}/packages/storage/uplink_message`,
    access.baseUrl,
  );
  if (page.token !== undefined) {
    url.searchParams.set('continuation_token', page.token);
  } else {
    url.searchParams.set('after', iso(page.cursorMs));
    url.searchParams.set('before', iso(range.toS * 1000));
    url.searchParams.set('order', 'received_at');
    url.searchParams.set('limit', String(page.pageLimit));
  }
  return url.toString();
}

function messageKey(result: unknown): { id: string; receivedMs: number | undefined } {
  const message = result as { end_device_ids?: { device_id?: unknown }; received_at?: unknown } | null;
  const receivedAt = typeof message?.received_at === 'string' ? message.received_at : '';
  const parsed = Date.parse(receivedAt);
  return {
    id: `${String(message?.end_device_ids?.device_id)} ${receivedAt}`,
    receivedMs: Number.isNaN(parsed) ? undefined : parsed,
  };
}

/** What TTN's refusal means for the user, from its status and `{code, message}` body (§3.6). */
async function refusalMessage(response: Response, access: StorageAccess): Promise<string> {
  const text = await response.text().catch(() => '');
  let detail: string;
  try {
    detail = errorItem(JSON.parse(text)).message;
  } catch {
    detail = text.slice(0, 200) || response.statusText;
  }
  const app = `application "${access.applicationId}"`;
  switch (response.status) {
    case 401:
      return `TTN does not know the API key (401: ${detail}); put a valid key of ${app} in its key file`;
    case 403:
      return `TTN refused to read the stored uplinks of ${app} (403: ${detail}): check the application id, and that the API key belongs to it and has the right RIGHT_APPLICATION_TRAFFIC_READ`;
    case 404:
      return `TTN has no Storage Integration for ${app} (404: ${detail}): check the application id and TTN_STORAGE_URL, and activate the Storage Integration`;
    default:
      return `TTN answered ${response.status} for ${app}: ${detail}`;
  }
}

/** X-Rate-Limit-Retry (TTN, §3.6) or Retry-After, in seconds; else an exponential guess. */
function retryAfterMs(headers: Headers, attempt: number): number {
  const header = headers.get('x-rate-limit-retry') ?? headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return Math.min(maxWaitMs, Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : backoffMs(attempt));
}

function backoffMs(attempt: number): number {
  return Math.min(maxWaitMs, 250 * 2 ** Math.min(attempt, 8));
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
