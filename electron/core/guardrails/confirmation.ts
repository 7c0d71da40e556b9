import type { EnvironmentClass } from '../environments/load-environment';

/** What clairctl and the control centre do to an environment's stack. */
export type StackAction =
  'plan' | 'history' | 'logs' | 'volumes-create' | 'deploy' | 'rm' | 'rollback' | 'fixtures-load' | 'manage';

/**
 * What each action does to the swarm. Reading cannot cause an accident, so it never asks;
 * creating a missing volume changes something but destroys nothing; the rest replace, remove or
 * write data (`manage` runs any managair command, migrations and account changes included).
 */
const effects: Record<StackAction, 'reads' | 'adds' | 'destroys'> = {
  plan: 'reads',
  history: 'reads',
  logs: 'reads',
  'volumes-create': 'adds',
  deploy: 'destroys',
  rm: 'destroys',
  rollback: 'destroys',
  'fixtures-load': 'destroys',
  manage: 'destroys',
};

/** The docker CLI's name for this machine's own engine. */
const LOCAL_CONTEXT = 'default';

export interface ActionTarget {
  environmentClass: EnvironmentClass;
  dockerContext: string;
}

export type Confirmation = { required: false } | { required: true; reason: string };

/**
 * Whether an action needs the user's explicit confirmation (DESIGN.md, issue 6 point 6): every
 * change on an engine other than this machine's, and every destructive action on a production
 * environment, wherever its engine is.
 */
export function confirmationFor(action: StackAction, target: ActionTarget): Confirmation {
  const effect = effects[action];
  if (effect === 'reads') return { required: false };
  if (target.dockerContext !== LOCAL_CONTEXT) {
    return { required: true, reason: `it changes the swarm of the docker context "${target.dockerContext}"` };
  }
  if (effect === 'destroys' && target.environmentClass === 'production') {
    return { required: true, reason: 'it changes a production environment' };
  }
  return { required: false };
}
