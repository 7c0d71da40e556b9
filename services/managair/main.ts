import { runManagair } from './cli/run-managair';

process.exitCode = await runManagair(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
