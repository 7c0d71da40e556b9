import type { ApiRoute } from '../api-route';

export const installationRoutes: ApiRoute[] = [];
