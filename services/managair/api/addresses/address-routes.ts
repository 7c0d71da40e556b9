import type { ApiRoute } from '../api-route';

export const addressRoutes: ApiRoute[] = [];
