import { z } from 'zod';

/** Error codes the renderer may switch on; the message is for people, the code for programs. */
export const errorCodes = [
  'bad-request',
  'unknown-channel',
  'forbidden',
  'not-found',
  'unavailable',
  'internal',
  // The action needs the environment's name typed (production, remote swarm); ask, then call again.
  'confirmation-required',
  // The action ran to its end without reaching its goal (a deploy whose services did not come up).
  'failed',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level detail such as the path of an invalid payload property. */
  details: z.array(z.string()).optional(),
});
export type ErrorData = z.infer<typeof ErrorData>;

/** Errors cross every process boundary as data, never as thrown objects. */
export type Result<T> = { ok: true; result: T } | { ok: false; error: ErrorData };

/** The error a client rethrows on its side of the boundary, with the code preserved. */
export class ClairError extends Error {
  override readonly name = 'ClairError';
  readonly code: ErrorCode;
  readonly details: string[] | undefined;

  constructor(error: ErrorData) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}
