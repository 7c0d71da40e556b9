import type { ApiRoute } from '../api-route';

export const protocolRoutes: ApiRoute[] = [];
