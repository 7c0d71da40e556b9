import { parseArgs } from 'node:util';

import { deadLetterReasons } from './dead-letter-store';

const usage = `usage: forwarder dead-letters list|replay [--reason ${deadLetterReasons.join('|')}] [--url http://127.0.0.1:8080]`;

/**
 * `forwarder dead-letters list|replay`, run beside the forwarder (docker exec into its task).
 * It asks the running forwarder over its HTTP port rather than touching the files itself: the
 * forwarder is their only writer, so a replay never races an uplink that is being set aside.
 * Returns the exit code.
 */
export async function deadLettersCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { reason: { type: 'string' }, url: { type: 'string' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [action] = parsed.positionals;
  const { reason } = parsed.values;
  if (
    (action !== 'list' && action !== 'replay') ||
    (reason && !(deadLetterReasons as readonly string[]).includes(reason))
  ) {
    console.error(usage);
    return 2;
  }
  const base = parsed.values.url ?? `http://127.0.0.1:${env.PORT ?? '8080'}`;
  const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
  const response = await fetch(`${base}/dead-letters${action === 'replay' ? '/replay' : ''}${query}`, {
    method: action === 'replay' ? 'POST' : 'GET',
  });
  const body = await response.json();
  if (!response.ok) {
    console.error(JSON.stringify(body));
    return 1;
  }
  if (action === 'list') {
    for (const letter of (body as { deadLetters: unknown[] }).deadLetters) console.log(JSON.stringify(letter));
  } else {
    console.log(JSON.stringify(body));
  }
  return 0;
}
