import type { Core } from '@strapi/strapi';

const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';

interface RoleSeed {
  type: string;
  name: string;
  description: string;
  actions: readonly string[];
}

const crud = (uid: string) => ['find', 'findOne', 'create', 'update'].map((a) => `${uid}.${a}`);
const read = (uid: string) => ['find', 'findOne'].map((a) => `${uid}.${a}`);

export const BACK_OFFICE_ROLE: RoleSeed = {
  type: 'back-office',
  name: 'Back office',
  description: 'Staff who keep customers, stock items and orders.',
  actions: [
    ...crud('api::customer.customer'),
    ...crud('api::asset.asset'),
    ...crud('api::order.order'),
    ...read('api::ledger.journal-entry'),
    ...read('api::ledger.payment'),
    ...read('api::ledger.account'),
    ...read('api::asset.stock-movement'),
    ...read('api::order.credit-note'),
    'api::asset.stock.receive',
    'api::asset.stock.adjust',
    'api::asset.stock.movements',
    'api::asset.stock.paySupplier',
    ...[
      'confirm',
      'fulfil',
      'cancel',
      'pay',
      'refund',
      'return',
      'movements',
      'journal',
      'creditNotes',
    ].map((action) => `api::order.order-actions.${action}`),
  ],
};

/**
 * Creates the seeded users-permissions roles and grants their actions; idempotent, and it only
 * adds what is missing, so permissions an administrator added by hand stay.
 */
export async function seedRoles(strapi: Core.Strapi): Promise<void> {
  for (const seed of [BACK_OFFICE_ROLE]) {
    let role = await strapi.db.query(ROLE_UID).findOne({ where: { type: seed.type } });
    if (!role) {
      role = await strapi.db.query(ROLE_UID).create({
        data: { type: seed.type, name: seed.name, description: seed.description },
      });
      strapi.log.info(`[roles] created the "${seed.name}" role`);
    }
    const granted = await strapi.db
      .query(PERMISSION_UID)
      .findMany({ where: { role: role.id }, select: ['action'] });
    const have = new Set(granted.map((permission: { action: string }) => permission.action));
    for (const action of seed.actions.filter((a) => !have.has(a))) {
      await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
}
