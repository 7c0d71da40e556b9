import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';

import {
  convertSampleExport,
  knownLegacyDevices,
  legacyNodeMap,
  parseLegacyDevice,
} from '../fixtures/mongo-sample-export';
import { type Command, say } from './command';
import { writeToOutput } from './output-file';

export const sampledump2fixtureCommand: Command = {
  name: 'sampledump2fixture',
  summary: 'Convert a mongoexport (canonical) of the Flask-era samples to a fixture without pks',
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        // Devices beyond the original tool's map, e.g. --device ELSYSERS:A81758FFFE053C84.
        device: { type: 'string', multiple: true, default: [] },
      },
    });
    if (positionals.length > 1) {
      say(io.stderr, 'Usage: managair sampledump2fixture [export.json|-] [--output FILE] [--device PROTOCOL:DEVEUI]…');
      return 2;
    }
    const nodeIds = legacyNodeMap([...knownLegacyDevices, ...values.device.map(parseLegacyDevice)]);
    const path = positionals[0] ?? '-';
    const input = path === '-' ? io.stdin : createReadStream(path);
    const count = await writeToOutput(values.output, io.stdout, (out) => convertSampleExport(input, out, nodeIds));
    say(io.stderr, `Converted ${count} samples`);
    return 0;
  },
};
