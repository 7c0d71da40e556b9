import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where clairctl keeps its deploy journal: $CLAIR_STATE_DIR/journal, else the XDG state
 * directory (~/.local/state/clair/journal), which survives cache cleaning but is not config.
 */
export function journalDirectory(env: NodeJS.ProcessEnv): string {
  // An empty variable means unset, as the shell's `${VAR:-default}`.
  const setting = (name: string) => (env[name] === '' ? undefined : env[name]);
  const state =
    setting('CLAIR_STATE_DIR') ??
    join(setting('XDG_STATE_HOME') ?? join(setting('HOME') ?? homedir(), '.local', 'state'), 'clair');
  return join(state, 'journal');
}
