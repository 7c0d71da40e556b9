import { z } from 'zod';

import { defineInvoke } from '../define';

/** How an SSH context logs in; the key's passphrase never leaves the machine's ssh-agent. */
export const SshAuth = z.discriminatedUnion('method', [
  z.object({ method: z.literal('identity-file'), identityFile: z.string().min(1) }),
  z.object({ method: z.literal('agent') }),
]);
export type SshAuth = z.infer<typeof SshAuth>;

/** Where a context's engine is, as the add/edit form describes it. */
export const ContextEndpoint = z.discriminatedUnion('kind', [
  /** The engine on this machine, through its socket. */
  z.object({ kind: z.literal('local'), socketPath: z.string().min(1) }),
  z.object({
    kind: z.literal('ssh'),
    user: z.string().min(1),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    auth: SshAuth,
  }),
]);
export type ContextEndpoint = z.infer<typeof ContextEndpoint>;

export const ContextSummary = z.object({
  name: z.string(),
  description: z.string(),
  /** The docker endpoint: `unix:///…`, `ssh://user@host:port` or `tcp://host:port`. */
  host: z.string(),
  /** The docker CLI's current context. */
  current: z.boolean(),
  /** Set for `unix` and `ssh` endpoints, so the form can edit them. */
  endpoint: ContextEndpoint.optional(),
  /** Why the context's files could not be read. */
  error: z.string().optional(),
});
export type ContextSummary = z.infer<typeof ContextSummary>;

/** The SSH server's key when known_hosts does not list it (or lists another): what the user compares. */
export const PresentedHostKey = z.object({
  host: z.string(),
  port: z.number().int(),
  type: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
});
export type PresentedHostKey = z.infer<typeof PresentedHostKey>;

export const SwarmRole = z.enum(['manager', 'worker', 'inactive']);

export const ContextConnection = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('reachable'),
    engineVersion: z.string(),
    swarmRole: SwarmRole,
    /** Known on managers only. */
    nodeCount: z.number().int().optional(),
  }),
  z.object({
    state: z.literal('unreachable'),
    /** socket-missing, auth-failed, host-key-unknown, host-key-changed, timeout, ... */
    failure: z.string(),
    /** What happened and the next step, in words. */
    message: z.string(),
    hostKey: PresentedHostKey.optional(),
  }),
]);
export type ContextConnection = z.infer<typeof ContextConnection>;

const ContextName = z.object({ name: z.string().min(1) });
export const SaveContextRequest = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  endpoint: ContextEndpoint,
  /** Set when editing: the context's name before the edit. */
  replaces: z.string().optional(),
});
export type SaveContextRequest = z.infer<typeof SaveContextRequest>;

export const contextsChannels = {
  list: defineInvoke('contexts:list', z.void(), z.array(ContextSummary)),
  /** Reaches the context's engine once, within a time limit. */
  check: defineInvoke('contexts:check', ContextName, ContextConnection),
  /** Reaches an endpoint from the form before it is saved. */
  test: defineInvoke('contexts:test', z.object({ endpoint: ContextEndpoint }), ContextConnection),
  save: defineInvoke('contexts:save', SaveContextRequest, ContextSummary, { title: 'Saved a docker context' }),
  remove: defineInvoke('contexts:remove', ContextName, z.void(), { title: 'Removed a docker context' }),
  /** Adds the key to known_hosts after the user compared its fingerprint; a changed key is refused. */
  trustHostKey: defineInvoke(
    'contexts:trust-host-key',
    PresentedHostKey.pick({ host: true, port: true, publicKey: true }),
    z.void(),
    { title: 'Trusted an SSH host key' },
  ),
};
