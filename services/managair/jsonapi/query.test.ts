import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { parseQuery, type QuerySpec } from './query';
import { refusalOf } from './refusal-of';

const sites: QuerySpec = {
  include: ['address', 'rooms.installations'],
  fields: { Site: ['name', 'description', 'address'], Address: ['street1', 'city'] },
  filters: ['organization', 'search'],
};

describe('parseQuery', () => {
  it('reads an empty query as nothing asked', () => {
    expect(parseQuery({}, sites)).toEqual({ include: [], fields: {}, filter: {}, sort: [], extra: {} });
  });

  it('reads include with prefixes, fields per type and the known filters', () => {
    expect(
      parseQuery(
        {
          include: 'rooms.installations,address',
          'fields[Site]': 'name, address',
          'fields[Address]': 'city',
          'filter[organization]': '1',
          'page[number]': '1',
        },
        sites,
      ),
    ).toEqual({
      include: ['rooms', 'rooms.installations', 'address'],
      fields: { Site: ['name', 'address'], Address: ['city'] },
      filter: { organization: '1' },
      sort: [],
      extra: {},
    });
  });

  it('ignores a filter the endpoint does not know, as the original did', () => {
    expect(parseQuery({ 'filter[node]': '5', 'filter[search]': 'bob@example.org' }, sites).filter).toEqual({
      search: 'bob@example.org',
    });
  });

  it("reads the endpoint's extra parameters raw (include_timeseries, include_histogram)", () => {
    const spec: QuerySpec = { filters: ['from', 'to'], extra: ['include_timeseries'] };
    expect(
      parseQuery({ include_timeseries: '1', 'filter[from]': '1601725200', 'filter[to]': '1601795400' }, spec),
    ).toEqual({
      include: [],
      fields: {},
      filter: { from: '1601725200', to: '1601795400' },
      sort: [],
      extra: { include_timeseries: '1' },
    });
  });

  it('refuses unknown parameters, includes and fields, one error per parameter', () => {
    const errors = refusalOf(() =>
      parseQuery(
        {
          include: 'address,operator',
          'fields[Site]': 'name,secret',
          'fields[User]': 'email',
          include_timeseries: '1',
        },
        sites,
      ),
    );
    expect(errors.statusCode).toBe(400);
    expect(errors.toDocument()).toEqual({
      errors: [
        {
          status: '400',
          code: 'invalid_include',
          title: 'Bad Request',
          detail: 'This endpoint does not support the include parameter for path operator',
          source: { parameter: 'include' },
        },
        {
          status: '400',
          code: 'invalid_fields',
          title: 'Bad Request',
          detail: 'Site has no field "secret".',
          source: { parameter: 'fields[Site]' },
        },
        {
          status: '400',
          code: 'invalid_fields',
          title: 'Bad Request',
          detail: 'This endpoint has no resources of type "User".',
          source: { parameter: 'fields[User]' },
        },
        {
          status: '400',
          code: 'invalid_parameter',
          title: 'Bad Request',
          detail: 'Invalid query parameter: include_timeseries.',
          source: { parameter: 'include_timeseries' },
        },
      ],
    });
  });

  it('refuses a repeated include and sort on an endpoint without sorting', () => {
    expect(refusalOf(() => parseQuery({ include: ['address', 'address'] }, sites)).errors[0]?.source).toEqual({
      parameter: 'include',
    });
    expect(refusalOf(() => parseQuery({ sort: 'name' }, sites)).errors[0]?.code).toBe('invalid_sort');
  });

  it('reads sort keys within the spec', () => {
    expect(parseQuery({ sort: '-timestamp_s,id' }, { sort: ['timestamp_s', 'id'] }).sort).toEqual([
      { field: 'timestamp_s', descending: true },
      { field: 'id', descending: false },
    ]);
    expect(refusalOf(() => parseQuery({ sort: 'secret' }, { sort: ['id'] })).errors[0]?.detail).toBe(
      'Cannot sort by "secret".',
    );
  });

  it("reads Fastify's query object as the dashboard sends it: brackets unencoded or encoded", async () => {
    const app = Fastify();
    app.get('/sites', async (request) => parseQuery(request.query as Record<string, unknown>, sites));
    for (const url of [
      '/sites?filter[organization]=1&include=address',
      '/sites?filter%5Borganization%5D=1&include=address',
    ]) {
      const response = await app.inject({ url });
      expect(response.json()).toEqual({
        include: ['address'],
        fields: {},
        filter: { organization: '1' },
        sort: [],
        extra: {},
      });
    }
    await app.close();
  });
});
