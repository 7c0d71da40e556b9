/**
 * The body of a Storage Integration response, read as it arrives (ttn-formats.md §3.4): one JSON
 * object per message, `{"result": …}` or, even after a 200, `{"error": …}`, separated by a blank
 * line (text/event-stream) or one newline (application/json). Neither JSON text holds a raw
 * newline, so splitting on newlines handles both framings.
 */
export type StreamItem =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; code: number | undefined; message: string }
  /** A chunk that is no JSON object: the stream was cut off mid-message, or the server is not TTN. */
  | { kind: 'garbled'; text: string };

export async function* parseStoredUplinkStream(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<StreamItem> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const item = parseLine(line);
      if (item) yield item;
    }
  }
  const last = parseLine(pending + decoder.decode());
  if (last) yield last;
}

function parseLine(line: string): StreamItem | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (typeof json === 'object' && json !== null && 'result' in json) return { kind: 'result', result: json.result };
  if (typeof json === 'object' && json !== null && 'error' in json) return errorItem(json.error);
  return { kind: 'garbled', text: text.length > 80 ? `${text.slice(0, 80)}…` : text };
}

/** A TTN error status object (§3.6): `{code, message, details}`. */
export function errorItem(error: unknown): Extract<StreamItem, { kind: 'error' }> {
  const status = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return {
    kind: 'error',
    code: typeof status.code === 'number' ? status.code : undefined,
    message: typeof status.message === 'string' ? status.message : JSON.stringify(error),
  };
}
