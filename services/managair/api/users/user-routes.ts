import type { ApiRoute } from '../api-route';

export const userRoutes: ApiRoute[] = [];
