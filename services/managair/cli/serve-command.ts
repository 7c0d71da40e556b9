import { parseArgs } from 'node:util';

import { loadEnv } from '../../runtime/env';
import { closeOnSignal } from '../../runtime/shutdown';
import { buildApp } from '../app';
import { IngestEnv, ServeEnv, type ServeMode, serveModes, smtpFromEnv } from '../env';
import { type Command, say } from './command';

const modeHint = 'say --mode api (the managair API) or --mode ingest (ingestair), or set MANAGAIR_MODE';

/**
 * `managair serve --mode api|ingest`: one image, two services (DESIGN.md, "The stack"). The flag
 * wins over MANAGAIR_MODE. The environment is checked before anything starts; a bad one ends the
 * command at once with every bad variable named.
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve HTTP: --mode api (migrates first) or --mode ingest (ingestair)',
  run: async (args, io) => {
    let flag: string | undefined;
    try {
      flag = parseArgs({ args, options: { mode: { type: 'string' } } }).values.mode;
    } catch (error) {
      say(io.stderr, `managair serve: ${(error as Error).message}; ${modeHint}`);
      return 2;
    }
    const mode = flag ?? io.env.MANAGAIR_MODE;
    if (!isServeMode(mode)) {
      say(io.stderr, `managair serve: ${mode ? `unknown mode "${mode}"` : 'no mode given'}; ${modeHint}`);
      return 2;
    }
    const env =
      mode === 'ingest' ? loadEnv(IngestEnv, io.env) : { ...loadEnv(ServeEnv, io.env), INGEST_TOKEN: undefined };

    const { app, schemaReady } = buildApp({
      mode,
      databaseUrl: env.DATABASE_URL,
      ingestToken: env.INGEST_TOKEN,
      logLevel: env.LOG_LEVEL,
      logStream: io.stdout,
      publicOrigin: env.PUBLIC_ORIGIN,
      smtp: mode === 'api' ? smtpFromEnv(env) : undefined,
      ...(env.MEDIA_ROOT === undefined ? {} : { mediaRoot: env.MEDIA_ROOT }),
      ...(env.TRUST_PROXY === undefined ? {} : { trustProxy: env.TRUST_PROXY }),
    });
    const closed = new Promise<void>((resolve) => app.addHook('onClose', async () => resolve()));
    try {
      await app.listen({ host: env.HOST, port: env.PORT });
    } catch (error) {
      await app.close(); // the schema gate and the pool started with listen's ready()
      throw error;
    }
    closeOnSignal(
      () => app.close(),
      (message) => app.log.info(message),
    );
    app.log.info(`managair serving in ${mode} mode`);
    try {
      await schemaReady();
    } catch (error) {
      await app.close();
      throw error;
    }
    await closed;
    return 0;
  },
};

function isServeMode(mode: string | undefined): mode is ServeMode {
  return serveModes.includes(mode as ServeMode);
}
