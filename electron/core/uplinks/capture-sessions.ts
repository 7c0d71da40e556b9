import { randomUUID } from 'node:crypto';

import { ClairError, type UplinkApplication, uplinkHistory } from '../../contract';
import type { NodeProtocol } from '../../../services/domain/nodes/node-id';
import { CaptureRing } from './capture-ring';

/** The raw messages of one watch, and the decoder of each application for saving them. */
export interface CaptureSession {
  id: string;
  environment: string;
  protocols: Partial<Record<UplinkApplication, NodeProtocol>>;
  ring: CaptureRing;
}

/** A few hundred megabytes at most per session, whatever the broker sends. */
const maxSessionBytes = 256 * 1024 * 1024;
/**
 * Sessions stay readable after their watch ends (the user saves what the table shows after
 * leaving, or after the stream dropped); only the newest few are kept, so memory stays bounded.
 */
const keptSessions = 3;

export class CaptureSessions {
  readonly #sessions = new Map<string, CaptureSession>();

  open(environment: string, protocols: CaptureSession['protocols']): CaptureSession {
    const session = {
      id: randomUUID(),
      environment,
      protocols,
      ring: new CaptureRing(uplinkHistory, maxSessionBytes),
    };
    this.#sessions.set(session.id, session);
    for (const id of this.#sessions.keys()) {
      if (this.#sessions.size <= keptSessions) break;
      this.#sessions.delete(id);
    }
    return session;
  }

  get(id: string): CaptureSession {
    const session = this.#sessions.get(id);
    if (!session) {
      throw new ClairError({
        code: 'not-found',
        message: 'These uplinks are no longer kept (a newer watch replaced them): watch again and save the new ones',
      });
    }
    return session;
  }
}
