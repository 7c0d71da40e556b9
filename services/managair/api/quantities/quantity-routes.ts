import type { ApiRoute } from '../api-route';

export const quantityRoutes: ApiRoute[] = [];
