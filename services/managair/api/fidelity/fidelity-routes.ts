import type { ApiRoute } from '../api-route';

export const fidelityRoutes: ApiRoute[] = [];
