import type { ApiRoute } from '../api-route';

export const airqualityRoutes: ApiRoute[] = [];
