import type Docker from 'dockerode';

/** One message of the Engine API's /events stream, with the parts the watches use. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
}

export interface EventSubscription {
  /** Resolves with the reason when the engine ends the stream or the connection breaks. */
  ended: Promise<string>;
  close: () => void;
}

/**
 * Follows the engine's events of the given types. The stream is newline-delimited JSON whose
 * chunks need not end at a line, so lines are reassembled before parsing.
 */
export async function subscribeToEvents(
  docker: Docker,
  types: string[],
  onEvent: (event: DockerEvent) => void,
): Promise<EventSubscription> {
  const stream = (await docker.getEvents({ filters: JSON.stringify({ type: types }) })) as NodeJS.ReadableStream & {
    destroy: () => void;
  };
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim()) onEvent(JSON.parse(line) as DockerEvent);
    }
  });
  const ended = new Promise<string>((resolve) => {
    stream.on('error', (error: Error) => resolve(error.message));
    stream.on('end', () => resolve('the engine closed the event stream'));
    stream.on('close', () => resolve('the connection to the engine closed'));
  });
  return { ended, close: () => stream.destroy() };
}
