import type { ApiRoute } from '../api-route';

export const nodeRoutes: ApiRoute[] = [];
