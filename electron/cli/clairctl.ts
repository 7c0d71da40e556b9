import { runClairctl } from './run-clairctl';

process.exitCode = await runClairctl(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
