import type { ApiRoute } from '../api-route';

export const membershipRoutes: ApiRoute[] = [];
