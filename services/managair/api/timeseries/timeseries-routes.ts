import type { ApiRoute } from '../api-route';

export const timeseriesRoutes: ApiRoute[] = [];
