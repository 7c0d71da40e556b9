import { readFile } from 'node:fs/promises';

import { ClairError, type UplinkConnectionState } from '../../contract';
import { ttnUplinkDecoder } from '../../../services/domain/ttn/uplink-decoding';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { watchApplication } from './application-feed';
import { CaptureSessions } from './capture-sessions';
import { decodeRow } from './decode-row';
import { RowBatcher } from './row-batcher';
import { savePath, saveSelection } from './save-selection';
import { describeSources, sourceUrl, uplinkSourceSettings } from './uplink-sources';

/** The detail view shows at most this much of a message; the capture file gets all of it. */
const shownLimit = 1024 * 1024;

export function createUplinksHandlers(workspace: Workspace): Handlers['uplinks'] {
  const sessions = new CaptureSessions();

  const settingsOf = async (name: string) => {
    const { environment } = await workspace.open(name);
    return { environment, settings: await uplinkSourceSettings(environment, workspace.root) };
  };

  return {
    sources: async ({ environment }) => describeSources((await settingsOf(environment)).settings),

    watch: async (request, emit, signal) => {
      const { environment, settings } = await settingsOf(request.environment);
      const url = sourceUrl(settings, request.source);
      if (url === undefined) {
        throw new ClairError({
          code: 'bad-request',
          message: `${environment.name} has no simulated TTN: the dev broker needs a development environment that sets SIMULATED_TTN_PORT`,
        });
      }
      const withKeys = request.source === 'ttn';
      if (withKeys && settings.ttn.problems.length > 0) {
        throw new ClairError({
          code: 'bad-request',
          message: `Cannot watch ${environment.name}'s TTN applications: ${settings.ttn.problems.join('; ')}`,
        });
      }
      if (settings.applications.length === 0) {
        throw new ClairError({
          code: 'bad-request',
          message: `${environment.name}.env names no TTN application: set CLAIRCHEN_TTN_APPLICATION_ID and ERS_TTN_APPLICATION_ID`,
        });
      }
      // Only the core reads the keys, and only to log in: they are in no event, message or log.
      const apiKeys = await Promise.all(
        settings.applications.map(({ apiKeyFile }) =>
          withKeys && apiKeyFile ? readApiKey(apiKeyFile) : Promise.resolve(undefined),
        ),
      );
      const session = sessions.open(
        environment.name,
        Object.fromEntries(settings.applications.map((app) => [app.application, app.protocol])),
      );
      emit({ type: 'session', session: session.id });

      const batcher = new RowBatcher(emit);
      const feeds = settings.applications.map(({ application, applicationId, protocol }, index) => {
        const decode = ttnUplinkDecoder(protocol);
        let last: string | undefined;
        const onState = (state: UplinkConnectionState, message?: string) => {
          // A broker that stays away fails every retry the same way; say it once.
          const said = `${state} ${message ?? ''}`;
          if (said === last || signal.aborted) return;
          last = said;
          emit({ type: 'connection', application, applicationId, state, ...(message ? { message } : {}) });
        };
        return watchApplication({
          url,
          applicationId,
          tenant: settings.tenant,
          apiKey: apiKeys[index],
          onState,
          onMessage: (topic, body) => {
            const captured = session.ring.add({ application, topic, body });
            batcher.add(decodeRow({ ...captured, arrivedAt: new Date() }, decode));
          },
        });
      });
      try {
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } finally {
        batcher.discard();
        await Promise.all(feeds.map((feed) => feed.close()));
      }
    },

    raw: async ({ session: id, seq }) => {
      const message = sessions.get(id).ring.get(seq);
      if (!message) {
        throw new ClairError({
          code: 'not-found',
          message: `Uplink ${seq} is no longer kept: only the last ${sessions.get(id).ring.capacity.toLocaleString('en')} are`,
        });
      }
      const text = message.body.toString('utf8');
      return {
        seq,
        topic: message.topic,
        text: text.length > shownLimit ? text.slice(0, shownLimit) : text,
        truncated: text.length > shownLimit,
      };
    },

    save: async (request) => {
      const session = sessions.get(request.session);
      if (session.environment !== request.environment) {
        throw new ClairError({
          code: 'bad-request',
          message: `These uplinks were watched on ${session.environment}, not on ${request.environment}`,
        });
      }
      return saveSelection(session, request.seqs, request.format, savePath(request.file, workspace.env));
    },
  };
}

/** The key's content, never in a message: a file that went away since the check is named instead. */
async function readApiKey(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new ClairError({
      code: 'unavailable',
      message: `Cannot read the API key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check it and watch again`,
    });
  }
}
