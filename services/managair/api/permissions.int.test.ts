import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodeIdFromDevEui } from '../../domain/nodes/node-id';
import { authRouteDescriptions } from '../accounts/auth-route-descriptions';
import { apiRoutes } from './all-routes';
import { type ApiRequest, type ApiTest, createApiTest } from './test-api';

/**
 * Every route × role × verb (issue 5, point 3), on the original's fixtures. The target is always
 * organization 1 ("Test-Team"), which has no public installation, so each role meets it as:
 * - anonymous: nobody;
 * - inspector: annaAngestellte, inspector of organization 1;
 * - owner: tomTester, owner of organization 1;
 * - otherOwner: veraVersuch, owner of organization 2 only, a stranger to organization 1;
 * - superuser: admin.
 * A write that succeeds changes the data, so each case prepares its own target where it must
 * (deletes always do). The first test fails when a route has no row here.
 */

const routes = [...apiRoutes, ...authRouteDescriptions];
const roles = ['anonymous', 'inspector', 'owner', 'otherOwner', 'superuser'] as const;
type Role = (typeof roles)[number];
const users: Record<Role, string | undefined> = {
  anonymous: undefined,
  inspector: 'annaAngestellte',
  owner: 'tomTester',
  otherOwner: 'veraVersuch',
  superuser: 'admin',
};

/** Expected statuses in the order of `roles`. */
type Expect = readonly [number, number, number, number, number];

// Recurring rows of the table.
const everyone = (status: number): Expect => [status, status, status, status, status];
/** Organization 1's things that anonymous users may ask for (and are not shown). */
const privateRead: Expect = [404, 200, 200, 404, 200];
/** Never public: anonymous users are asked to sign in. */
const membersRead: Expect = [401, 200, 200, 404, 200];
const ownerChange: Expect = [401, 403, 200, 404, 200];
const ownerDelete: Expect = [401, 403, 204, 404, 204];
const superuserOnly = (status: number): Expect => [401, 403, 403, 403, status];

interface Case {
  expect: Expect;
  /** The request; called once per role, after the previous role's request. */
  request: (role: Role) => Promise<Omit<ApiRequest, 'as'>> | Omit<ApiRequest, 'as'>;
}

let api: ApiTest;
let serial = 0;
const unique = (prefix: string) => `${prefix} ${++serial}`;

const org1 = '1';
const node1 = 'c727b2f8-8377-d4cb-0e95-ac03200b8c93';
const month = '2020-10';

const get = (path: string) => () => ({ path });
const patch = (path: string, type: string, id: string, attributes: Record<string, unknown>) => () => ({
  method: 'PATCH' as const,
  path,
  body: { data: { type, id, attributes } },
});
const link = (type: string, id: string) => ({ data: { type, id } });

/** Inserts rows for a case straight into the database, bypassing the API under test. */
const insert = {
  organization: async (): Promise<string> => {
    const { id } = await api.db
      .insertInto('organizations')
      .values({ name: unique('Org'), description: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await api.db
      .insertInto('memberships')
      .values([
        { organization_id: id, user_id: await api.userId('tomTester'), role: 'O' },
        { organization_id: id, user_id: await api.userId('annaAngestellte'), role: 'I' },
      ])
      .execute();
    return id;
  },
  user: async (): Promise<string> =>
    (
      await api.db
        .insertInto('users')
        .values({
          username: unique('user').replace(' ', '_'),
          email: `${unique('u').replace(' ', '')}@example.org`,
          password: '!',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  membership: async (): Promise<string> =>
    (
      await api.db
        .insertInto('memberships')
        .values({ organization_id: org1, user_id: await insert.user(), role: 'I' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  address: async (): Promise<string> =>
    (
      await api.db
        .insertInto('addresses')
        .values({ street1: unique('Weg'), zip: '10115', city: 'Berlin' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  site: async (): Promise<string> =>
    (
      await api.db
        .insertInto('sites')
        .values({ name: unique('Site'), description: '', address_id: '1', operator_id: org1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  room: async (): Promise<string> =>
    (
      await api.db
        .insertInto('rooms')
        .values({ name: unique('Room'), description: '', site_id: '1' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  node: async (): Promise<string> => {
    const eui = `A81758FFFE${(0x100000 + ++serial).toString(16).toUpperCase()}`;
    const id = nodeIdFromDevEui('ELSYSERS', eui);
    await api.db
      .insertInto('nodes')
      .values({
        id,
        eui64: eui,
        alias: unique('Node'),
        description: '',
        protocol_id: '2',
        model_id: '2',
        owner_id: org1,
      })
      .execute();
    return id;
  },
  installation: async (): Promise<string> =>
    (
      await api.db
        .insertInto('installations')
        .values({ node_id: await insert.node(), room_id: '1', from_timestamp_s: 1_600_000_000, description: '' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  quantity: async (): Promise<string> =>
    (
      await api.db
        .insertInto('quantities')
        .values({ quantity: unique('Q'), base_unit: 'u' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  protocol: async (): Promise<string> =>
    (
      await api.db
        .insertInto('protocols')
        .values({ identifier: unique('P') })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  model: async (): Promise<string> =>
    (
      await api.db
        .insertInto('node_models')
        .values({ name: unique('M'), trade_name: 'T', manufacturer: 'M', sensor_type: 'NDIR' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
};

const remove = (path: (id: string) => string, make: () => Promise<string>) => async () => ({
  method: 'DELETE' as const,
  path: path(await make()),
});

/** One image, the smallest PNG, as a multipart upload. */
function imageUpload(path: string): Omit<ApiRequest, 'as'> {
  const boundary = 'clair-permissions';
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="room.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    method: 'PUT',
    path,
    rawBody: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const table: Record<string, Case> = {
  // Organizations
  listOrganizations: { expect: everyone(200), request: get('/organizations') },
  getOrganization: { expect: privateRead, request: get(`/organizations/${org1}`) },
  createOrganization: {
    expect: [401, 201, 201, 201, 201],
    request: () => ({
      method: 'POST',
      path: '/organizations/',
      body: { data: { type: 'Organization', attributes: { name: unique('New org') } } },
    }),
  },
  updateOrganization: {
    expect: ownerChange,
    request: patch(`/organizations/${org1}/`, 'Organization', org1, { description: 'Test' }),
  },
  deleteOrganization: { expect: ownerDelete, request: remove((id) => `/organizations/${id}`, insert.organization) },
  getOrganizationUserLinkage: { expect: privateRead, request: get(`/organizations/${org1}/relationships/users`) },
  addOrganizationUsers: {
    expect: [401, 403, 200, 404, 200],
    request: async () => ({
      method: 'POST',
      path: `/organizations/${org1}/relationships/users`,
      body: { data: [{ type: 'User', id: await insert.user() }] },
    }),
  },
  removeOrganizationUsers: {
    expect: ownerDelete,
    request: async () => {
      const membership = await insert.membership();
      const { user_id } = await api.db
        .selectFrom('memberships')
        .select('user_id')
        .where('id', '=', membership)
        .executeTakeFirstOrThrow();
      return {
        method: 'DELETE',
        path: `/organizations/${org1}/relationships/users`,
        body: { data: [{ type: 'User', id: String(user_id) }] },
      };
    },
  },
  getOrganizationNodesLinkage: { expect: everyone(404), request: get(`/organizations/${org1}/relationships/nodes`) },
  getOrganizationSitesLinkage: { expect: everyone(404), request: get(`/organizations/${org1}/relationships/sites`) },
  getOrganizationMembershipsLinkage: {
    expect: everyone(404),
    request: get(`/organizations/${org1}/relationships/memberships`),
  },
  getMembershipOrganization: { expect: membersRead, request: get('/memberships/7/organization') },
  getSiteOrganization: { expect: privateRead, request: get('/sites/1/organization') },
  getNodeOwner: { expect: membersRead, request: get(`/nodes/${node1}/owner`) },
  listUserOrganizations: { expect: membersRead, request: get('/users/5/organizations') },
  listOrganizationSites: { expect: privateRead, request: get(`/organizations/${org1}/sites`) },

  // Memberships and users
  listMemberships: { expect: [401, 200, 200, 200, 200], request: get('/memberships') },
  getMembership: { expect: membersRead, request: get('/memberships/7') },
  createMembership: {
    expect: [401, 403, 201, 403, 201],
    request: async () => ({
      method: 'POST',
      path: '/memberships/',
      body: {
        data: {
          type: 'Membership',
          attributes: {},
          relationships: { organization: link('Organization', org1), user: link('User', await insert.user()) },
        },
      },
    }),
  },
  updateMembership: { expect: ownerChange, request: patch('/memberships/7/', 'Membership', '7', { role: 'I' }) },
  deleteMembership: { expect: ownerDelete, request: remove((id) => `/memberships/${id}`, insert.membership) },
  listUserMemberships: { expect: membersRead, request: get('/users/5/memberships') },
  listOrganizationMemberships: { expect: membersRead, request: get(`/organizations/${org1}/memberships`) },
  listUsers: { expect: [401, 200, 200, 200, 200], request: get('/users') },
  getUser: { expect: membersRead, request: get('/users/5') },
  updateUser: { expect: [401, 200, 403, 404, 200], request: patch('/users/5/', 'User', '5', { first_name: 'Anna' }) },
  createUser: {
    expect: superuserOnly(201),
    request: () => ({
      method: 'POST',
      path: '/users/',
      body: {
        data: {
          type: 'User',
          attributes: {
            username: unique('new').replace(' ', '_'),
            email: `${unique('new').replace(' ', '')}@example.org`,
            password: 'Ein-langes-Passwort-2026',
          },
        },
      },
    }),
  },
  deleteUser: { expect: superuserOnly(204), request: remove((id) => `/users/${id}`, insert.user) },
  getMembershipUser: { expect: membersRead, request: get('/memberships/7/user') },
  listOrganizationUsers: { expect: membersRead, request: get(`/organizations/${org1}/users`) },

  // Addresses, sites, rooms
  listAddresses: { expect: [401, 200, 200, 200, 200], request: get('/addresses') },
  getAddress: { expect: membersRead, request: get('/addresses/1') },
  createAddress: {
    expect: [401, 201, 201, 201, 201],
    request: () => ({
      method: 'POST',
      path: '/addresses/',
      body: {
        data: { type: 'Address', attributes: { street1: 'Sportweg 2', street2: '', zip: '10117', city: 'Berlin' } },
      },
    }),
  },
  updateAddress: { expect: ownerChange, request: patch('/addresses/1/', 'Address', '1', { city: 'Berlin' }) },
  // An unused address belongs to nobody: only a superuser sees it (addresses/address-routes.ts).
  deleteAddress: { expect: [401, 404, 404, 404, 204], request: remove((id) => `/addresses/${id}`, insert.address) },
  getSiteAddress: { expect: membersRead, request: get('/sites/1/address') },
  listSites: { expect: everyone(200), request: get('/sites') },
  getSite: { expect: privateRead, request: get('/sites/1') },
  createSite: {
    expect: [401, 403, 201, 403, 201],
    request: () => ({
      method: 'POST',
      path: '/sites/',
      body: {
        data: {
          type: 'Site',
          attributes: { name: unique('Site') },
          relationships: { operator: link('Organization', org1), address: link('Address', '1') },
        },
      },
    }),
  },
  updateSite: { expect: ownerChange, request: patch('/sites/1/', 'Site', '1', { description: '' }) },
  deleteSite: { expect: ownerDelete, request: remove((id) => `/sites/${id}`, insert.site) },
  getRoomSite: { expect: privateRead, request: get('/rooms/1/site') },
  listRooms: { expect: everyone(200), request: get('/rooms') },
  getRoom: { expect: privateRead, request: get('/rooms/1') },
  createRoom: {
    expect: [401, 403, 201, 400, 201],
    request: () => ({
      method: 'POST',
      path: '/rooms/',
      body: {
        data: {
          type: 'Room',
          attributes: { name: unique('Room'), size_sqm: '20' },
          relationships: { site: link('Site', '1') },
        },
      },
    }),
  },
  updateRoom: { expect: ownerChange, request: patch('/rooms/1/', 'Room', '1', { max_occupancy: '11' }) },
  deleteRoom: { expect: ownerDelete, request: remove((id) => `/rooms/${id}`, insert.room) },
  listSiteRooms: { expect: privateRead, request: get('/sites/1/rooms') },
  getInstallationRoom: { expect: privateRead, request: get('/installations/1/room') },

  // The sensor catalogue: readable by all, kept by superusers.
  listQuantities: { expect: everyone(200), request: get('/quantities') },
  getQuantity: { expect: everyone(200), request: get('/quantities/1') },
  createQuantity: {
    expect: superuserOnly(201),
    request: () => ({
      method: 'POST',
      path: '/quantities/',
      body: { data: { type: 'Quantity', attributes: { quantity: unique('Q'), base_unit: 'ppm' } } },
    }),
  },
  updateQuantity: {
    expect: superuserOnly(200),
    request: patch('/quantities/1/', 'Quantity', '1', { base_unit: 'ppm' }),
  },
  deleteQuantity: { expect: superuserOnly(204), request: remove((id) => `/quantities/${id}`, insert.quantity) },
  listProtocols: { expect: everyone(200), request: get('/protocols') },
  getProtocol: { expect: everyone(200), request: get('/protocols/1') },
  getNodeProtocol: { expect: membersRead, request: get(`/nodes/${node1}/protocol`) },
  createProtocol: {
    expect: superuserOnly(201),
    request: () => ({
      method: 'POST',
      path: '/protocols/',
      body: { data: { type: 'Protocol', attributes: { identifier: unique('P') } } },
    }),
  },
  updateProtocol: {
    expect: superuserOnly(200),
    request: patch('/protocols/1/', 'Protocol', '1', { num_uplink_msgs: 1 }),
  },
  deleteProtocol: { expect: superuserOnly(204), request: remove((id) => `/protocols/${id}`, insert.protocol) },
  listModels: { expect: everyone(200), request: get('/models') },
  getModel: { expect: everyone(200), request: get('/models/1') },
  getNodeModel: { expect: membersRead, request: get(`/nodes/${node1}/model`) },
  createModel: {
    expect: superuserOnly(201),
    request: () => ({
      method: 'POST',
      path: '/models/',
      body: {
        data: {
          type: 'Model',
          attributes: { name: unique('M'), trade_name: 'T', manufacturer: 'M', sensor_type: 'NDIR' },
        },
      },
    }),
  },
  updateModel: { expect: superuserOnly(200), request: patch('/models/1/', 'Model', '1', { sensor_type: 'NDIR' }) },
  deleteModel: { expect: superuserOnly(204), request: remove((id) => `/models/${id}`, insert.model) },

  // Nodes and installations
  listNodes: { expect: [401, 200, 200, 200, 200], request: get('/nodes') },
  listOrganizationNodes: { expect: membersRead, request: get(`/organizations/${org1}/nodes`) },
  getNode: { expect: membersRead, request: get(`/nodes/${node1}`) },
  getInstallationNode: { expect: membersRead, request: get('/installations/1/node') },
  createNode: {
    expect: [401, 403, 201, 403, 201],
    request: () => {
      const eui = `A81758FFFE${(0x200000 + ++serial).toString(16).toUpperCase()}`;
      return {
        method: 'POST',
        path: '/nodes/',
        body: {
          data: {
            type: 'Node',
            id: nodeIdFromDevEui('ELSYSERS', eui),
            attributes: { eui64: eui, alias: unique('Node') },
            relationships: {
              protocol: link('Protocol', '2'),
              model: link('Model', '2'),
              owner: link('Organization', org1),
            },
          },
        },
      };
    },
  },
  updateNode: { expect: ownerChange, request: patch(`/nodes/${node1}/`, 'Node', node1, { alias: 'Clairchen Rot' }) },
  deleteNode: { expect: ownerDelete, request: remove((id) => `/nodes/${id}`, insert.node) },
  listInstallations: { expect: everyone(200), request: get('/installations') },
  listRoomInstallations: { expect: privateRead, request: get('/rooms/2/installations') },
  listNodeInstallations: { expect: membersRead, request: get(`/nodes/${node1}/installations`) },
  getInstallation: { expect: privateRead, request: get('/installations/1') },
  createInstallation: {
    expect: [401, 403, 201, 400, 201],
    request: async () => ({
      method: 'POST',
      path: '/installations/',
      body: {
        data: {
          type: 'Installation',
          attributes: { from_timestamp_s: 1_600_000_000, is_public: false },
          relationships: { room: link('Room', '1'), node: link('Node', await insert.node()) },
        },
      },
    }),
  },
  updateInstallation: {
    expect: ownerChange,
    request: patch('/installations/1/', 'Installation', '1', { description: '' }),
  },
  deleteInstallation: { expect: ownerDelete, request: remove((id) => `/installations/${id}`, insert.installation) },
  uploadInstallationImage: { expect: ownerChange, request: () => imageUpload('/installations/1/image') },
  getInstallationImage: { expect: privateRead, request: get('/installations/1/image') },

  // Data
  listFidelity: { expect: [401, 200, 200, 200, 200], request: get('/fidelity') },
  getFidelity: { expect: membersRead, request: get(`/fidelity/${node1}`) },
  listNodeTimeseries: { expect: [401, 200, 200, 200, 200], request: get('/node-timeseries') },
  getNodeTimeseries: { expect: membersRead, request: get(`/node-timeseries/${node1}`) },
  getNodeTimeseriesOfNode: { expect: membersRead, request: get(`/nodes/${node1}/timeseries`) },
  listInstallationTimeseries: { expect: everyone(200), request: get('/installation-timeseries') },
  getInstallationTimeseries: { expect: privateRead, request: get('/installation-timeseries/1') },
  getInstallationTimeseriesOfInstallation: { expect: privateRead, request: get('/installations/1/timeseries') },
  getRoomAirQuality: { expect: privateRead, request: get('/rooms/2/airquality') },
  getRoomAirQualityOfMonth: { expect: privateRead, request: get(`/rooms/2/airquality/${month}`) },

  // Authentication (accounts/auth-routes.ts). The test app has no SMTP, so resets answer 503.
  login: {
    expect: everyone(200),
    request: () => ({
      method: 'POST',
      path: '/auth/login/',
      body: { data: { type: 'LoginView', attributes: { username: 'horstHilfsarbeiter', password: 'horst' } } },
    }),
  },
  getAuthUser: { expect: [401, 200, 200, 200, 200], request: get('/auth/user') },
  // PUT replaces: the username is required, so each user sends their own.
  putAuthUser: {
    expect: [401, 200, 200, 200, 200],
    request: (role) => ({
      method: 'PUT',
      path: '/auth/user/',
      body: { data: { type: 'User', attributes: { username: users[role] ?? 'nobody' } } },
    }),
  },
  patchAuthUser: {
    expect: [401, 200, 200, 200, 200],
    request: () => ({ method: 'PATCH', path: '/auth/user/', body: { data: { type: 'User', attributes: {} } } }),
  },
  // A wrong old password: the check runs for every signed-in user and changes nothing.
  changePassword: {
    expect: [401, 400, 400, 400, 400],
    request: () => ({
      method: 'POST',
      path: '/auth/password/change/',
      body: {
        data: {
          type: 'PasswordChangeView',
          attributes: {
            old_password: 'wrong',
            new_password1: 'Neues-Passwort-2026',
            new_password2: 'Neues-Passwort-2026',
          },
        },
      },
    }),
  },
  requestPasswordReset: {
    expect: everyone(503),
    request: () => ({
      method: 'POST',
      path: '/auth/password/reset/',
      body: { data: { type: 'PasswordResetView', attributes: { email: 'anna@angestellte.de' } } },
    }),
  },
  confirmPasswordReset: {
    expect: everyone(400),
    request: () => ({
      method: 'POST',
      path: '/auth/password/reset/confirm/',
      body: {
        data: {
          type: 'PasswordResetConfirmView',
          attributes: {
            token: 'no-such-key',
            new_password1: 'Neues-Passwort-2026',
            new_password2: 'Neues-Passwort-2026',
          },
        },
      },
    }),
  },
  // Last: logging out ends every token of the user, the ones these tests sign in with too.
  logout: { expect: everyone(200), request: () => ({ method: 'POST', path: '/auth/logout/' }) },
};

beforeAll(async () => {
  api = await createApiTest();
  // Fidelity rows exist only once the worker has run; one for the target node.
  await api.db
    .insertInto('node_fidelity')
    .values({ node_id: node1, fidelity: 'E', last_contact_s: 1_603_000_000, last_check_s: 1_603_000_100 })
    .execute();
});
afterAll(async () => {
  await api.close();
});

describe('permissions: every route × role × verb', () => {
  it('has a row for every route of the API', () => {
    expect(routes.map((r) => r.operationId).filter((id) => !(id in table))).toEqual([]);
    expect(Object.keys(table).filter((id) => !routes.some((r) => r.operationId === id))).toEqual([]);
  });

  for (const [operationId, { expect: expected, request }] of Object.entries(table)) {
    it(`${operationId}: ${roles.map((role, i) => `${role} ${expected[i]}`).join(', ')}`, async () => {
      const route = routes.find((r) => r.operationId === operationId)!;
      const actual: Record<string, number> = {};
      for (const role of roles) {
        const prepared = await request(role);
        expect(prepared.method ?? 'GET').toBe(route.method);
        const response = await api.request({ ...prepared, ...(users[role] ? { as: users[role] } : {}) });
        actual[role] = response.status;
      }
      expect(actual).toEqual(Object.fromEntries(roles.map((role, i) => [role, expected[i]])));
    });
  }
});
