import type { ApiRoute } from './api-route';
import { siteRoutes } from './sites/site-routes';

/** Every route of /api/v1, one list per resource folder. */
export const apiRoutes: readonly ApiRoute[] = [...siteRoutes];
