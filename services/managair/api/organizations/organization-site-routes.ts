import type { ApiRoute } from '../api-route';
import { collectionDocumentSchema } from '../document-schemas';
import { fetchPage, listResult } from '../list-document';
import { idParam } from '../path-ids';
import { siteColumns, siteDefaultInclude, siteResource, siteSchema } from '../sites/site-resource';
import { visibleSiteIds } from '../visibility';
import { findVisibleOrganization } from './organization-resource';

/**
 * `/organizations/:id/sites`: the organization's sites that the viewer may see (all of them for
 * a member, the ones with a public installation for everyone else), with their addresses
 * included as `/sites` does. It answers with Sites, so by the folder rule it would live in
 * sites/; it is kept here beside the organization routes it belongs to.
 */
export const organizationSiteRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/organizations/:id/sites',
    operationId: 'listOrganizationSites',
    summary: "An organization's sites, with their addresses",
    tag: 'Organizations',
    access: 'whoever may see the organization; sites as in /sites',
    defaultInclude: siteDefaultInclude,
    paginated: true,
    responses: { 200: collectionDocumentSchema(siteSchema) },
    handle: async (context) => {
      const { db, viewer } = context;
      const organizationId = idParam(context.params);
      await findVisibleOrganization(context, organizationId);
      const sites = db
        .selectFrom('sites')
        .select(siteColumns)
        .where('sites.operator_id', '=', organizationId)
        .where('sites.id', 'in', visibleSiteIds(db, viewer))
        .orderBy('sites.name')
        .orderBy('sites.id');
      const { page, rows } = await fetchPage(context, sites);
      return listResult(
        context,
        page,
        rows.map((row) => siteResource(row, context.url)),
      );
    },
  },
];
