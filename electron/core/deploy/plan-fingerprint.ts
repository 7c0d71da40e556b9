import { createHash } from 'node:crypto';

import { Plan } from '../../contract';

/**
 * What identifies a plan: the same desired stack against the same live stack gives the same
 * fingerprint, so an apply can tell whether the swarm or the files changed since the user saw it.
 */
export function planFingerprint(plan: Plan): string {
  return createHash('sha256')
    .update(JSON.stringify(Plan.parse(plan)))
    .digest('hex');
}
