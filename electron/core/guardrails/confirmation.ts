import type { EnvironmentClass } from '../environments/load-environment';

/** What clairctl and the control centre do to an environment's stack. */
export type StackAction =
  | 'plan'
  | 'history'
  | 'logs'
  | 'volumes-create'
  | 'deploy'
  | 'rm'
  | 'rollback'
  | 'fixtures-load'
  | 'fixtures-import'
  | 'manage'
  | 'scale'
  | 'restart'
  | 'secret-rotate'
  | 'database-connect'
  | 'database-unlock'
  | 'database-write'
  | 'recovery-import';

/** The docker CLI's name for this machine's own engine. */
const LOCAL_CONTEXT = 'default';

export interface ActionTarget {
  environmentClass: EnvironmentClass;
  dockerContext: string;
}

export type Confirmation = { required: false } | { required: true; reason: string };

/**
 * Whether an action needs the user's explicit confirmation (issue 6, point 6): any action on an
 * engine other than this machine's, and any action on a production environment, reading ones
 * included, so that nobody looks at or touches production or a remote swarm by a slip of the
 * environment file.
 */
export function confirmationFor(action: StackAction, target: ActionTarget): Confirmation {
  if (target.dockerContext !== LOCAL_CONTEXT)
    return { required: true, reason: `${action} acts on the swarm of the docker context "${target.dockerContext}"` };
  if (target.environmentClass === 'production')
    return { required: true, reason: `${action} acts on a production environment` };
  return { required: false };
}
