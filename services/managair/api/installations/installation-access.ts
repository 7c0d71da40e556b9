import type { ApiContext } from '../api-route';
import { idParam, notFound } from '../path-ids';
import { visibleInstallationIds } from '../visibility';
import { installationColumns, type InstallationRow } from './installation-resource';

/** An installation with the organization that owns it (its room's site's operator). */
export interface OwnedInstallation extends InstallationRow {
  operator_id: string | number;
}

/** The installation named by the path, if the viewer may see it (anonymous: a public one), or 404. */
export async function findVisibleInstallation(context: ApiContext, param = 'id'): Promise<OwnedInstallation> {
  const installation = await context.db
    .selectFrom('installations')
    .innerJoin('rooms', 'rooms.id', 'installations.room_id')
    .innerJoin('sites', 'sites.id', 'rooms.site_id')
    .select([...installationColumns, 'sites.operator_id'])
    .where('installations.id', '=', idParam(context.params, param))
    .where('installations.id', 'in', visibleInstallationIds(context.db, context.viewer))
    .executeTakeFirst();
  if (!installation) throw notFound('installation');
  return installation;
}
