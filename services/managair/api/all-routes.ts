import { addressRoutes } from './addresses/address-routes';
import { airqualityRoutes } from './airquality/airquality-routes';
import type { ApiRoute } from './api-route';
import { fidelityRoutes } from './fidelity/fidelity-routes';
import { installationRoutes } from './installations/installation-routes';
import { membershipRoutes } from './memberships/membership-routes';
import { modelRoutes } from './models/model-routes';
import { nodeRoutes } from './nodes/node-routes';
import { organizationRoutes } from './organizations/organization-routes';
import { protocolRoutes } from './protocols/protocol-routes';
import { quantityRoutes } from './quantities/quantity-routes';
import { roomRoutes } from './rooms/room-routes';
import { siteRoutes } from './sites/site-routes';
import { timeseriesRoutes } from './timeseries/timeseries-routes';
import { userRoutes } from './users/user-routes';

/**
 * Every route of /api/v1, one list per resource folder. A folder holds its resource's schema and
 * serializer and every route that answers with that resource type, related routes included
 * (`/installations/:id/room` is in rooms/).
 */
export const apiRoutes: readonly ApiRoute[] = [
  ...organizationRoutes,
  ...membershipRoutes,
  ...userRoutes,
  ...addressRoutes,
  ...siteRoutes,
  ...roomRoutes,
  ...quantityRoutes,
  ...protocolRoutes,
  ...modelRoutes,
  ...nodeRoutes,
  ...installationRoutes,
  ...fidelityRoutes,
  ...timeseriesRoutes,
  ...airqualityRoutes,
];
