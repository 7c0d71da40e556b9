import { ClairError } from '../../contract';

/** What dockerode throws when the engine answers with an error status. */
interface EngineFailure {
  statusCode?: number;
  /** A Node system error (ECONNREFUSED, ECONNRESET, …) when the engine was not reached. */
  code?: string;
  json?: { message?: string } | null;
  message: string;
}

/**
 * An engine failure as a ClairError in words, with the next step: the engine's own message is
 * kept, since it is usually precise ("rpc error: ... update out of sequence"). Anything else is a
 * bug and is returned as it is, so that it is logged with its stack.
 */
export function engineError(error: unknown, doing: string): unknown {
  if (error instanceof ClairError || typeof error !== 'object' || error === null) return error;
  const failure = error as EngineFailure;
  if (failure.statusCode === undefined && typeof failure.code !== 'string') return error;
  const said = failure.json?.message ?? failure.message;
  switch (failure.statusCode) {
    case 404:
      return new ClairError({
        code: 'not-found',
        message: `Could not ${doing}: ${said}. Refresh the screen; it may have been removed.`,
      });
    case 409:
      return new ClairError({
        code: 'unavailable',
        message: `Could not ${doing}: ${said}. Someone changed it at the same time; try again.`,
      });
    case 503:
      return new ClairError({
        code: 'unavailable',
        message: `Could not ${doing}: ${said}. The context's engine must be a swarm manager; check the context on the Environments screen.`,
      });
    case undefined:
      return new ClairError({
        code: 'unavailable',
        message: `Could not ${doing}: ${said}. Check that the engine is reachable (Environments screen).`,
      });
    default:
      return new ClairError({ code: 'unavailable', message: `Could not ${doing}: the engine said "${said}".` });
  }
}
