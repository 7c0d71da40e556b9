/** Why a Docker context could not be reached; the UI picks its advice and actions from this. */
export type ContextFailure =
  | 'socket-missing'
  | 'socket-permission'
  | 'daemon-not-running'
  | 'unreachable'
  | 'timeout'
  | 'auth-failed'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'no-docker-cli'
  | 'dial-stdio-failed';

/** An SSH server's host key as the user compares it with the server's own (`ssh-keygen -lf`). */
export interface HostKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, ... */
  type: string;
  /** `SHA256:` and the unpadded base64 digest, as OpenSSH prints it. */
  fingerprint: string;
  /** `<type> <base64>`, the form of a known_hosts line; what trustHostKey takes. */
  publicKey: string;
}

/** The SSH server a host-key failure is about, and the key it presented. */
export interface PresentedHostKey extends HostKey {
  host: string;
  port: number;
}

/**
 * A failure to reach a Docker engine, in plain language, with a `failure` code the UI and the CLI
 * can act on (offer to trust a key, point at the socket). Plain data besides the message, so it
 * crosses the IPC boundary intact.
 */
export class ContextError extends Error {
  override readonly name = 'ContextError';

  constructor(
    readonly failure: ContextFailure,
    message: string,
    readonly hostKey?: PresentedHostKey,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
