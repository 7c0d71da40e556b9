import { failedState } from './load-state';

/**
 * For screens that change a list and show it again (secrets, saved connections): runs an action,
 * then reloads; a failure's message goes to `showError` (cleared when the next action starts).
 * Resolves true when the action worked.
 */
export function actionRunner(
  showError: (message: string | undefined) => void,
  reload: () => Promise<void>,
): (action: () => Promise<unknown>) => Promise<boolean> {
  return async (action) => {
    showError(undefined);
    try {
      await action();
      await reload();
      return true;
    } catch (error) {
      showError(failedState(error).message);
      return false;
    }
  };
}
