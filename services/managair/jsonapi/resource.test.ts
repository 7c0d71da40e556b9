import { describe, expect, it } from 'vitest';

import { identifier, idString, linkOnly, resourceObject, toMany, toOne } from './resource';

describe('ids', () => {
  it('are strings, whatever the database hands over', () => {
    expect(idString(1)).toBe('1');
    expect(idString(9007199254740993n)).toBe('9007199254740993');
    expect(idString('66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4')).toBe('66b8ccaa-90b9-2d24-bf59-0ea9e23b3bb4');
    expect(identifier('User', 2n)).toEqual({ type: 'User', id: '2' });
  });
});

describe('relationships', () => {
  it('to-one: linkage, null when empty, related link when given', () => {
    expect(toOne('Room', 1)).toEqual({ data: { type: 'Room', id: '1' } });
    expect(toOne('Room', null)).toEqual({ data: null });
    expect(toOne('Room', undefined, 'https://x/api/v1/installations/1/room/')).toEqual({
      data: null,
      links: { related: 'https://x/api/v1/installations/1/room/' },
    });
  });

  it('to-many: an array, empty rather than omitted', () => {
    expect(toMany('User', [1, 2n])).toEqual({
      data: [
        { type: 'User', id: '1' },
        { type: 'User', id: '2' },
      ],
    });
    expect(toMany('User', [])).toEqual({ data: [] });
    expect(linkOnly('https://x/api/v1/sites/1/rooms/')).toEqual({
      links: { related: 'https://x/api/v1/sites/1/rooms/' },
    });
  });
});

describe('resourceObject', () => {
  it("renders the auth/user document's data exactly (original-clients.md §5.1)", () => {
    expect(
      resourceObject('User', 1n, { username: 'anna', email: 'anna@example.org', first_name: 'Anna', last_name: 'A' }),
    ).toEqual({
      type: 'User',
      id: '1',
      attributes: { username: 'anna', email: 'anna@example.org', first_name: 'Anna', last_name: 'A' },
    });
  });

  it('renders a Membership with the linkage the dashboard resolves', () => {
    expect(
      resourceObject(
        'Membership',
        2,
        { role: 'O', user_name: 'bob', organization_name: 'Schule' },
        {
          relationships: { organization: toOne('Organization', 1), user: toOne('User', 2) },
          self: 'https://clair.example/api/v1/memberships/2/',
        },
      ),
    ).toEqual({
      type: 'Membership',
      id: '2',
      attributes: { role: 'O', user_name: 'bob', organization_name: 'Schule' },
      relationships: {
        organization: { data: { type: 'Organization', id: '1' } },
        user: { data: { type: 'User', id: '2' } },
      },
      links: { self: 'https://clair.example/api/v1/memberships/2/' },
    });
  });

  it('keeps attributes as given: snake_case, decimal strings and nulls untouched', () => {
    const attributes = {
      name: 'Klassenzimmer 1b',
      size_sqm: '60.0',
      height_m: '3.0',
      max_occupancy: 28,
      description: null,
    };
    const room = resourceObject('Room', 1, attributes);
    expect(room.attributes).toBe(attributes);
    expect(Object.keys(room)).toEqual(['type', 'id', 'attributes']);
  });
});
