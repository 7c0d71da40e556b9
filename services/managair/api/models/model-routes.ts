import type { ApiRoute } from '../api-route';

export const modelRoutes: ApiRoute[] = [];
