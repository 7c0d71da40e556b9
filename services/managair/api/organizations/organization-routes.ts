import type { ApiRoute } from '../api-route';

export const organizationRoutes: ApiRoute[] = [];
