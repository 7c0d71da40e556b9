import type { ApiResponse } from './test-api';

/**
 * Reading JSON:API answers in the API tests: the primary data of a response as
 * loosely typed resource objects, and the ids of a collection.
 */
export interface TestResource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data?: unknown; links?: { related?: string } }>;
  links?: { self: string };
}

export function single(response: ApiResponse): TestResource {
  return (response.body as { data: TestResource }).data;
}

export function collection(response: ApiResponse): TestResource[] {
  return (response.body as { data: TestResource[] }).data;
}

export function ids(response: ApiResponse): string[] {
  return collection(response).map((resource) => resource.id);
}

/** The first error's status and source, for asserting refusals. */
export function firstError(response: ApiResponse): { status: string; code: string; source?: unknown } {
  return (response.body as { errors: { status: string; code: string; source?: unknown }[] }).errors[0]!;
}
