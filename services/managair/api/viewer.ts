import { HttpProblem } from '../serve/problems';

/** A member's role in an organization: owner (full control) or inspector (read only). */
export type Role = 'O' | 'I';

/**
 * Who is asking: the API's single notion of identity, made once per request by the API plugin
 * from whatever authenticated it (token or session). Every visibility and permission rule reads
 * only this.
 */
export interface Viewer {
  /** null for an anonymous request. */
  userId: string | null;
  /** The Django admin's role, through the API: sees and manages everything. */
  isSuperuser: boolean;
  /** Organization id → this user's role there. */
  roles: ReadonlyMap<string, Role>;
}

export const anonymousViewer: Viewer = { userId: null, isSuperuser: false, roles: new Map() };

/** A signed-in viewer: one whose userId is known. */
export type UserViewer = Viewer & { userId: string };

/**
 * Refuses anonymous requests with 401. The dashboard sends the browser to the login page only on
 * a 401 (original-clients.md §5.1); the API plugin adds `WWW-Authenticate: Token` to every 401.
 */
export function requireUser(viewer: Viewer): asserts viewer is UserViewer {
  if (viewer.userId === null)
    throw new HttpProblem(401, 'not_authenticated', 'Authentication credentials were not provided.');
}

/** The organizations the viewer belongs to, in any role. */
export function memberOrganizationIds(viewer: Viewer): string[] {
  return [...viewer.roles.keys()];
}

export function isOwnerOf(viewer: Viewer, organizationId: string | number): boolean {
  return viewer.isSuperuser || viewer.roles.get(String(organizationId)) === 'O';
}

export function isMemberOf(viewer: Viewer, organizationId: string | number): boolean {
  return viewer.isSuperuser || viewer.roles.has(String(organizationId));
}

/**
 * Refuses a change to something of `organizationId` unless the viewer owns that organization:
 * 401 for anonymous, 403 otherwise (the original's IsOrganizationOwner; an inspector gets 403).
 */
export function requireOwner(viewer: Viewer, organizationId: string | number): void {
  requireUser(viewer);
  if (!isOwnerOf(viewer, organizationId))
    throw new HttpProblem(403, 'permission_denied', 'You must be an owner of the organization to do this.');
}

/** Refuses anything but a superuser: 401 for anonymous, 403 otherwise. */
export function requireSuperuser(viewer: Viewer): void {
  requireUser(viewer);
  if (!viewer.isSuperuser) throw new HttpProblem(403, 'permission_denied', 'Only a superuser may do this.');
}
