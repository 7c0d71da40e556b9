import { create } from 'zustand';

import { ClairError } from '../../../electron/contract';

interface PendingConfirmation {
  environment: string;
  /** The engine's reason, e.g. "deploy acts on a production environment: type "production" to confirm". */
  reason: string;
  settle: (typed: string | undefined) => void;
}

interface ConfirmationStore {
  pending: PendingConfirmation | undefined;
  /** Shows the dialog and resolves with what was typed, or undefined when cancelled. */
  ask: (environment: string, reason: string) => Promise<string | undefined>;
  answer: (typed: string | undefined) => void;
}

export const useConfirmationStore = create<ConfirmationStore>()((set, get) => ({
  pending: undefined,
  ask: (environment, reason) =>
    new Promise((resolve) => {
      get().pending?.settle(undefined);
      set({ pending: { environment, reason, settle: resolve } });
    }),
  answer: (typed) => {
    get().pending?.settle(typed);
    set({ pending: undefined });
  },
}));

/**
 * Runs an action that the engine may refuse until the environment's name is typed (production,
 * a remote swarm): the first call goes without, and on 'confirmation-required' the user is asked
 * and the call repeated with what they typed. Resolves undefined when the user cancels.
 */
export async function withConfirmation<T>(
  environment: string,
  action: (confirm: string | undefined) => Promise<T>,
): Promise<T | undefined> {
  let typed: string | undefined;
  for (;;) {
    try {
      return await action(typed);
    } catch (error) {
      if (!(error instanceof ClairError) || error.code !== 'confirmation-required') throw error;
      typed = await useConfirmationStore.getState().ask(environment, error.message);
      if (typed === undefined) return undefined;
    }
  }
}
