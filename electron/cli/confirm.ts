import { confirmationFor, type StackAction } from '../core/guardrails/confirmation';
import type { Environment } from '../core/environments/load-environment';
import type { CliIo } from './cli-io';

/**
 * Applies the guardrails to one action: true when it may go ahead, because no confirmation is
 * needed, `-y` was given, or the environment's name was typed at the prompt. Typing the name
 * rather than "yes" makes the user read which environment they are about to change.
 */
export async function confirmAction(
  io: CliIo,
  environment: Pick<Environment, 'name' | 'class' | 'dockerContext'>,
  action: StackAction,
  yes: boolean,
): Promise<boolean> {
  const confirmation = confirmationFor(action, {
    environmentClass: environment.class,
    dockerContext: environment.dockerContext,
  });
  if (!confirmation.required || yes) return true;
  if (!io.prompt) {
    io.err(`Not confirmed: ${confirmation.reason}, and stdin is not a terminal to ask on. Pass -y to confirm.`);
    return false;
  }
  const answer = await io.prompt(
    `This needs confirmation because ${confirmation.reason}. Type the environment's name (${environment.name}) to proceed: `,
  );
  if (answer.trim() === environment.name) return true;
  io.err(`Not confirmed (expected "${environment.name}"). Nothing was changed.`);
  return false;
}
