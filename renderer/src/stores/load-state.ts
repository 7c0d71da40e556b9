import { ClairError } from '../../../electron/contract';

/** How a piece of remote data stands; every screen renders all four states. */
export type LoadState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; message: string };

export function failedState(error: unknown): { status: 'failed'; message: string } {
  const message = error instanceof ClairError || error instanceof Error ? error.message : String(error);
  return { status: 'failed', message };
}
