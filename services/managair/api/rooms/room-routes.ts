import type { ApiRoute } from '../api-route';

export const roomRoutes: ApiRoute[] = [];
