import { describe, expect, it } from 'vitest';

import { collectionDocument, dedupeIncluded, resourceDocument } from './document';
import { resourceObject, toOne } from './resource';

const address = (id: number) =>
  resourceObject('Address', id, { street1: 'Sportweg 2', street2: '', zip: '10117', city: 'Berlin' });
const site = (id: number, addressId: number) =>
  resourceObject(
    'Site',
    id,
    { name: 'Turnhalle', description: '' },
    { relationships: { address: toOne('Address', addressId), operator: toOne('Organization', 1) } },
  );

describe('resourceDocument', () => {
  it('is {data} alone when nothing is included', () => {
    expect(resourceDocument(resourceObject('User', 1, { username: 'anna' }))).toEqual({
      data: { type: 'User', id: '1', attributes: { username: 'anna' } },
    });
  });

  it('is {data: null} for an empty to-one', () => {
    expect(resourceDocument(null)).toEqual({ data: null });
  });

  it('carries the Site with its Address included, as the dashboard needs (§5.2)', () => {
    expect(resourceDocument(site(1, 7), { included: [address(7)] })).toEqual({
      data: {
        type: 'Site',
        id: '1',
        attributes: { name: 'Turnhalle', description: '' },
        relationships: {
          address: { data: { type: 'Address', id: '7' } },
          operator: { data: { type: 'Organization', id: '1' } },
        },
      },
      included: [
        { type: 'Address', id: '7', attributes: { street1: 'Sportweg 2', street2: '', zip: '10117', city: 'Berlin' } },
      ],
    });
  });
});

describe('collectionDocument', () => {
  it('dedupes included by type and id and carries meta and links', () => {
    const document = collectionDocument([site(1, 7), site(2, 7), site(3, 8)], {
      included: [address(7), address(7), address(8)],
      meta: { pagination: { page: 1, pages: 1, count: 3 } },
      links: { first: 'f', last: 'l', next: null, prev: null },
    });
    expect(document.data.map((s) => s.id)).toEqual(['1', '2', '3']);
    expect(document.included?.map((r) => `${r.type}:${r.id}`)).toEqual(['Address:7', 'Address:8']);
    expect(document.meta).toEqual({ pagination: { page: 1, pages: 1, count: 3 } });
    expect(document.links).toEqual({ first: 'f', last: 'l', next: null, prev: null });
  });

  it('is {data: []} for an empty list', () => {
    expect(collectionDocument([])).toEqual({ data: [] });
  });
});

describe('dedupeIncluded', () => {
  it('keeps the first of each, in order, and drops primary data', () => {
    const a = resourceObject('User', 1, { username: 'first' });
    const b = resourceObject('User', 1, { username: 'second' });
    const c = resourceObject('Organization', 1, { name: 'same id, other type' });
    expect(dedupeIncluded([a, c, b])).toEqual([a, c]);
    expect(dedupeIncluded([a, c], [resourceObject('User', 1, {})])).toEqual([c]);
  });
});
