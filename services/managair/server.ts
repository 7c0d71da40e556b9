import { closeOnSignal } from '../runtime/shutdown';
import { loadEnv } from '../runtime/env';
import { buildApp } from './app';
import { ManagairEnv } from './env';

const env = loadEnv(ManagairEnv);
const app = buildApp(env);
closeOnSignal(
  () => app.close(),
  (message) => app.log.info(message),
);
await app.listen({ host: env.HOST, port: env.PORT });
