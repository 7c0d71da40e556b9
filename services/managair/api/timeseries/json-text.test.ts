import { describe, expect, it } from 'vitest';

import { JsonArrayText, jsonBytes } from './json-text';

describe('jsonBytes', () => {
  it('writes what JSON.stringify writes, with the arrays’ runs put in as they are', () => {
    const value = {
      name: 'Kita “Sonnenschein” ☀',
      buckets: new JsonArrayText(['{"a":1},{"a":2}', '{"a":3}']),
      nested: { empty: new JsonArrayText([]), kept: [1, null] },
    };
    const expected = { ...value, buckets: [{ a: 1 }, { a: 2 }, { a: 3 }], nested: { empty: [], kept: [1, null] } };
    expect(jsonBytes(value).toString('utf8')).toBe(JSON.stringify(expected));
  });

  it('leaves strings that look like its placeholders alone', () => {
    const value = { alias: '"00000000-0000-0000-0000-0000000000000"', series: new JsonArrayText(['7']) };
    expect(JSON.parse(jsonBytes(value).toString('utf8'))).toEqual({ alias: value.alias, series: [7] });
  });
});
