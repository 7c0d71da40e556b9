import type { DeployRevision } from '../../contract';
import type { JournalEntry } from '../stack/journal/journal';

/** A journal entry as the history shows it; the model (secret file paths, variables) stays in the journal. */
export function deployRevision(entry: JournalEntry): DeployRevision {
  const keysOf = (action: 'create' | 'update' | 'remove') =>
    entry.plan.services.filter((service) => service.action === action).map((service) => service.key);
  return {
    revision: entry.revision,
    at: entry.at,
    user: entry.user,
    result: entry.result,
    created: keysOf('create'),
    updated: keysOf('update'),
    removed: keysOf('remove'),
    failures: entry.failures,
  };
}
