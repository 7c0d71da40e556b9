import { type Catalogue, catalogueRoutes } from '../catalogue/catalogue-routes';
import { quantityBody, quantityColumns, quantityResource, quantitySchema, type QuantityRow } from './quantity-resource';

const returned = ['id', 'quantity', 'base_unit'] as const;

export const quantities: Catalogue<QuantityRow> = {
  path: '/quantities',
  singular: 'Quantity',
  plural: 'Quantities',
  summary: 'The quantities sensors measure',
  deleteSummary: 'Delete a quantity (models no longer list it)',
  schema: quantitySchema,
  body: quantityBody,
  resource: quantityResource,
  select: (db) => db.selectFrom('quantities').select(quantityColumns).orderBy('quantities.id'),
  find: (db, id) => db.selectFrom('quantities').select(quantityColumns).where('id', '=', id).executeTakeFirst(),
  insert: (db, attributes) =>
    db
      .insertInto('quantities')
      .values(attributes as { quantity: string; base_unit: string })
      .returning(returned)
      .executeTakeFirstOrThrow(),
  update: (db, id, attributes) =>
    db.updateTable('quantities').set(attributes).where('id', '=', id).returning(returned).executeTakeFirstOrThrow(),
  remove: (db, id) => db.deleteFrom('quantities').where('id', '=', id).execute(),
};

export const quantityRoutes = catalogueRoutes(quantities);
