import { describe, expect, it } from 'vitest';

import { HttpProblem } from '../serve/problems';
import { maxBatchSamples, parseIngestDocument } from './sample-document';

const node = '66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4';

function resource(attributes: Record<string, unknown>, nodeId: unknown = node): Record<string, unknown> {
  return {
    type: 'Sample',
    attributes: { timestamp_s: 1632220557, co2_ppm: 711, ...attributes },
    relationships: { node: { data: { type: 'Node', id: nodeId } } },
  };
}

function refusalOf(data: unknown) {
  const [parsed] = parseIngestDocument({ data: [data] }).samples;
  if (!parsed || !('refusal' in parsed)) throw new Error('expected a refusal');
  return parsed.refusal;
}

function problemOf(body: unknown): HttpProblem {
  try {
    parseIngestDocument(body);
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected an HttpProblem');
}

describe('parseIngestDocument', () => {
  it("reads the original forwarder's document as it is", () => {
    const body = {
      data: {
        type: 'Sample',
        attributes: { timestamp_s: 1632220557, co2_ppm: 711, temperature_celsius: 20.5, rel_humidity_percent: 80 },
        relationships: { node: { data: { type: 'Node', id: '66B8CCAA-90B9-2D24-BF59-0EA9E23B3BB4' } } },
      },
    };
    expect(parseIngestDocument(body)).toEqual({
      form: 'single',
      samples: [
        {
          index: 0,
          sample: {
            node_id: node,
            timestamp_s: 1632220557,
            co2_ppm: 711,
            temperature_celsius: '20.5',
            rel_humidity_percent: 80,
            measurement_status: 'M',
          },
        },
      ],
    });
  });

  it('takes temperature and humidity as optional or null, and an integer temperature', () => {
    const { samples } = parseIngestDocument({
      data: [
        resource({}),
        resource({ temperature_celsius: null, rel_humidity_percent: null }),
        resource({ temperature_celsius: 22, measurement_status: 'R' }),
      ],
    });
    expect(
      samples.map((s) =>
        'sample' in s ? [s.sample.temperature_celsius, s.sample.rel_humidity_percent, s.sample.measurement_status] : s,
      ),
    ).toEqual([
      [null, null, 'M'],
      [null, null, 'M'],
      ['22.0', null, 'R'],
    ]);
  });

  it.each([
    [{ timestamp_s: -1 }, 'timestamp_s must be an integer from 0 to 2147483647 (got -1)', 'attributes/timestamp_s'],
    [
      { timestamp_s: 2147483648 },
      'timestamp_s must be an integer from 0 to 2147483647 (got 2147483648)',
      'attributes/timestamp_s',
    ],
    [{ timestamp_s: 1.5 }, 'timestamp_s must be an integer', 'attributes/timestamp_s'],
    [
      { timestamp_s: '1632220557' },
      'timestamp_s must be an integer from 0 to 2147483647 (got "1632220557")',
      'attributes/timestamp_s',
    ],
    [{ co2_ppm: 10001 }, 'co2_ppm must be an integer from 0 to 10000 (got 10001)', 'attributes/co2_ppm'],
    [{ co2_ppm: undefined }, 'co2_ppm is required', 'attributes/co2_ppm'],
    [
      { temperature_celsius: 40.1 },
      'temperature_celsius must be a number from -20 to 40 with at most one decimal, or null (got 40.1)',
      'attributes/temperature_celsius',
    ],
    [
      { temperature_celsius: 20.25 },
      'temperature_celsius must be a number from -20 to 40 with at most one decimal',
      'attributes/temperature_celsius',
    ],
    [
      { rel_humidity_percent: 101 },
      'rel_humidity_percent must be an integer from 0 to 100, or null (got 101)',
      'attributes/rel_humidity_percent',
    ],
    [{ rel_humidity_percent: 45.5 }, 'rel_humidity_percent must be an integer', 'attributes/rel_humidity_percent'],
    [{ measurement_status: 'X' }, 'measurement_status must be "M", "R" or "E"', 'attributes/measurement_status'],
    [{ lux: 120 }, 'lux is not a Sample attribute', 'attributes/lux'],
  ])('refuses %j naming the field and the index', (attributes, reason, pointer) => {
    const refusal = refusalOf(resource(attributes));
    expect(refusal.reason).toContain(`sample 0: ${reason}`);
    expect(refusal.pointer).toBe(`/data/0/${pointer}`);
  });

  it('refuses a bad node reference and a resource of another type inside a batch', () => {
    expect(refusalOf(resource({}, 'not-a-uuid'))).toEqual({
      reason:
        'sample 0: relationships.node.data.id must be a node id (8-4-4-4-12 hexadecimal digits) (got "not-a-uuid")',
      pointer: '/data/0/relationships/node/data/id',
    });
    expect(refusalOf({ ...resource({}), type: 'Node' })).toEqual({
      reason: 'sample 0: type must be "Sample" (got "Node")',
      pointer: '/data/0/type',
    });
    expect(refusalOf({ type: 'Sample', attributes: { timestamp_s: 1, co2_ppm: 1 } }).pointer).toBe(
      '/data/0/relationships',
    );
  });

  it('refuses garbage elements of a batch one by one and keeps the good ones', () => {
    const { form, samples } = parseIngestDocument({ data: [resource({}), 'garbage', null, [1, 2], 42] });
    expect(form).toBe('batch');
    expect(samples.map((s) => ('refusal' in s ? s.refusal.reason : 'ok'))).toEqual([
      'ok',
      'sample 1: must be a Sample resource object (got "garbage")',
      'sample 2: must be a Sample resource object (got null)',
      'sample 3: must be a Sample resource object (got an array)',
      'sample 4: must be a Sample resource object (got 42)',
    ]);
  });

  it('names the field without an index in a single document', () => {
    const parsed = parseIngestDocument({ data: resource({ co2_ppm: -5 }) }).samples[0];
    expect(parsed).toEqual({
      index: 0,
      refusal: {
        reason: 'sample: co2_ppm must be an integer from 0 to 10000 (got -5)',
        pointer: '/data/attributes/co2_ppm',
      },
    });
  });

  it('answers 409 for a single document of another type, as the original parser did', () => {
    expect(problemOf({ data: { ...resource({}), type: 'Node' } })).toMatchObject({
      statusCode: 409,
      code: 'wrong_type',
    });
    expect(problemOf({ data: { attributes: {} } })).toMatchObject({
      statusCode: 409,
      message: 'data.type must be "Sample" (got nothing).',
    });
  });

  it('answers 400 for what is not a JSON:API document, and 413 for too large a batch', () => {
    for (const body of [null, 42, 'text', [resource({})], {}, { data: null }, { data: 'Sample' }, { data: [] }]) {
      expect(problemOf(body).statusCode).toBe(400);
    }
    const tooMany = { data: Array.from({ length: maxBatchSamples + 1 }, () => resource({})) };
    expect(problemOf(tooMany)).toMatchObject({ statusCode: 413, code: 'too_many_samples' });
    expect(parseIngestDocument({ data: tooMany.data.slice(1) }).samples).toHaveLength(maxBatchSamples);
  });
});
