import type { DatabaseSource } from '../../../electron/contract';

/** What the user types to confirm an action on a database: the environment's or the connection's name. */
export const sourceName = (source: DatabaseSource): string => source.environment ?? source.connection ?? '';

/** One string per database, for keeping things per database (the editor's text); never equal across kinds. */
export const sourceKey = (source: DatabaseSource): string =>
  source.connection !== undefined ? `connection/${source.connection}` : (source.environment ?? '');
