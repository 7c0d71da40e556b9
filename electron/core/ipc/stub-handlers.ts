import { contract } from '../../contract';
import type { Handlers } from './dispatcher';

/** Handlers for every channel that fail if called: tests replace the ones they exercise. */
export function stubHandlers(): Handlers {
  return Object.fromEntries(
    Object.entries(contract).map(([domain, channels]) => [
      domain,
      Object.fromEntries(
        Object.keys(channels).map((name) => [
          name,
          () => Promise.reject(new Error(`${domain}.${name} is not under test`)),
        ]),
      ),
    ]),
  ) as unknown as Handlers;
}
