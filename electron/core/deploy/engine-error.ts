import { ClairError } from '../../contract';
import { engineError } from '../docker/engine-error';
import { StalePlanError } from '../stack/apply/apply';

export const staleStackMessage = 'The stack changed since the plan was made: review the new plan, then deploy it';

/**
 * What a deploy throws, in words with the next step: a plan gone stale asks for a new look;
 * the engine's refusals are explained as everywhere else; anything else stays unexpected.
 */
export function inWords(error: unknown, doing: string): unknown {
  if (error instanceof StalePlanError) return new ClairError({ code: 'bad-request', message: staleStackMessage });
  return engineError(error, doing);
}
