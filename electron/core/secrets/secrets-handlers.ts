import type { Handlers } from '../ipc/dispatcher';
import type { SecretStore } from './secret-store';

export function createSecretsHandlers(store: SecretStore): Handlers['secrets'] {
  return {
    status: () => store.status(),
    set: ({ name, value, allowPlainText }) => store.set(name, value, { allowPlainText }),
    list: () => store.list(),
    delete: ({ name }) => store.delete(name),
  };
}
