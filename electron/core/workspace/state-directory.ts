import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where clairctl and the control centre keep their state (the deploy journal, the activity
 * log): $CLAIR_STATE_DIR, else the XDG state directory (~/.local/state/clair), which survives
 * cache cleaning but is not config.
 */
export function stateDirectory(env: NodeJS.ProcessEnv): string {
  // An empty variable means unset, as the shell's `${VAR:-default}`.
  const setting = (name: string) => (env[name] === '' ? undefined : env[name]);
  return (
    setting('CLAIR_STATE_DIR') ??
    join(setting('XDG_STATE_HOME') ?? join(setting('HOME') ?? homedir(), '.local', 'state'), 'clair')
  );
}

/** The deploy journal's folder inside the state directory. */
export function journalDirectory(env: NodeJS.ProcessEnv): string {
  return join(stateDirectory(env), 'journal');
}
