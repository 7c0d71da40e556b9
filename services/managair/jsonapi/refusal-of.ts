import { JsonApiErrors } from './errors';

/** For tests: the JsonApiErrors that `run` throws; anything else, or no throw at all, fails. */
export function refusalOf(run: () => unknown): JsonApiErrors {
  try {
    run();
  } catch (error) {
    if (error instanceof JsonApiErrors) return error;
    throw error;
  }
  throw new Error('expected JsonApiErrors');
}
