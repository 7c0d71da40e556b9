import { z } from 'zod';

import { ClairError, type SaveConnectionRequest, type SavedConnection } from '../../contract';
import type { SecretStore } from '../secrets/secret-store';
import { labelOf, parsePostgresUrl } from './connect-database';

/** Secrets of saved connections carry this prefix, so they sit beside the others in the one store. */
const SECRET_PREFIX = 'db-connection.';

/** What the secret holds: the connection string stays inside the core. */
const StoredConnection = z.object({ connectionString: z.string(), readOnly: z.boolean() });
export type StoredConnection = z.infer<typeof StoredConnection>;

/**
 * Plain connection strings the user saved for the Database screen (a local PostgreSQL, a replica),
 * kept in the control centre's secret store: encrypted by the OS keychain in the desktop app.
 * The renderer gets names and labels; only the core reads the strings back, to connect.
 */
export class SavedConnections {
  constructor(private readonly store: SecretStore) {}

  async list(): Promise<SavedConnection[]> {
    const names = (await this.store.list())
      .filter((secret) => secret.startsWith(SECRET_PREFIX))
      .map((secret) => secret.slice(SECRET_PREFIX.length));
    return Promise.all(names.map(async (name) => this.#summary(name, await this.get(name))));
  }

  /** Checks the string is a postgres URL (never echoing it) before it is stored. */
  async save(request: Required<SaveConnectionRequest>): Promise<SavedConnection> {
    const { name, connectionString, readOnly, allowPlainText } = request;
    parsePostgresUrl(connectionString, 'The connection string');
    const stored: StoredConnection = { connectionString, readOnly };
    await this.store.set(`${SECRET_PREFIX}${name}`, JSON.stringify(stored), { allowPlainText });
    return this.#summary(name, stored);
  }

  delete(name: string): Promise<void> {
    return this.store.delete(`${SECRET_PREFIX}${name}`);
  }

  /** The stored connection, for the core to connect with. */
  async get(name: string): Promise<StoredConnection> {
    const text = await this.store.reveal(`${SECRET_PREFIX}${name}`);
    if (text === undefined) {
      throw new ClairError({ code: 'not-found', message: `There is no saved database connection named ${name}` });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const stored = StoredConnection.safeParse(parsed);
    if (!stored.success) {
      // Never quoted: it holds a password.
      throw new ClairError({
        code: 'unavailable',
        message: `The saved connection ${name} is damaged in the secret store; delete it and save it again`,
      });
    }
    return stored.data;
  }

  #summary(name: string, stored: StoredConnection): SavedConnection {
    return { name, label: labelOf(parsePostgresUrl(stored.connectionString, name)), readOnly: stored.readOnly };
  }
}
