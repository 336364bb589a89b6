import type { Core } from '@strapi/strapi';

/**
 * The seeded "Accountant" roles: a users-permissions role that reads reports, the ledger and the
 * records behind them and changes nothing, and an admin role that sees the Reports page.
 * Idempotent; each only adds what is missing, so what an administrator added by hand stays.
 */

export const READ_REPORTS_ACTION = 'plugin::reports.read';
export const ACCOUNTANT_ADMIN_ROLE_CODE = 'middlepath-accountant';

const USERS_ROLE_UID = 'plugin::users-permissions.role';
const USERS_PERMISSION_UID = 'plugin::users-permissions.permission';
const ADMIN_ROLE_UID = 'admin::role';
const ADMIN_PERMISSION_UID = 'admin::permission';

const read = (uid: string) => [`${uid}.find`, `${uid}.findOne`];

/** Read-only actions: GET routes only. */
export const ACCOUNTANT_ACTIONS: readonly string[] = [
  'plugin::reports.report.find',
  ...read('api::ledger.journal-entry'),
  ...read('api::ledger.payment'),
  ...read('api::ledger.account'),
  ...read('api::customer.customer'),
  ...read('api::asset.asset'),
  ...read('api::order.order'),
  ...read('api::asset.stock-movement'),
  'api::asset.stock.movements',
  'api::order.order-actions.movements',
  'api::order.order-actions.journal',
];

export async function seedAccountantRoles(strapi: Core.Strapi): Promise<void> {
  await seedUsersPermissionsRole(strapi);
  await seedAdminRole(strapi);
}

async function seedUsersPermissionsRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query(USERS_ROLE_UID as never);
  let role = (await roles.findOne({ where: { type: 'accountant' } })) as { id: number } | null;
  if (!role) {
    role = (await roles.create({
      data: {
        type: 'accountant',
        name: 'Accountant',
        description: 'Reads reports, the ledger and the records behind them; changes nothing.',
      },
    })) as { id: number };
    strapi.log.info('[reports] created the "Accountant" users-permissions role');
  }
  const permissions = strapi.db.query(USERS_PERMISSION_UID as never);
  const granted = (await permissions.findMany({
    where: { role: role.id },
    select: ['action'],
  })) as { action: string }[];
  const have = new Set(granted.map((permission) => permission.action));
  for (const action of ACCOUNTANT_ACTIONS.filter((a) => !have.has(a))) {
    await permissions.create({ data: { action, role: role.id } });
  }
}

async function seedAdminRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query(ADMIN_ROLE_UID as never);
  if ((await roles.count()) === 0) {
    // NOTE: plugins boot before the admin, which creates Super Admin, Editor and Author only
    // while no admin role exists; our role first would leave a fresh install without a Super
    // Admin. So let the admin create its defaults first (its own later call is then a no-op).
    const adminRoles = strapi.service('admin::role') as unknown as {
      createRolesIfNoneExist(): Promise<void>;
    };
    await adminRoles.createRolesIfNoneExist();
  }
  let role = (await roles.findOne({ where: { code: ACCOUNTANT_ADMIN_ROLE_CODE } })) as {
    id: number;
  } | null;
  if (!role) {
    role = (await roles.create({
      data: {
        name: 'Accountant',
        code: ACCOUNTANT_ADMIN_ROLE_CODE,
        description: 'Sees the Reports page and downloads its CSV files.',
      },
    })) as { id: number };
    strapi.log.info('[reports] created the "Accountant" admin role');
  }
  const permissions = strapi.db.query(ADMIN_PERMISSION_UID as never);
  const existing = await permissions.findOne({
    where: { role: role.id, action: READ_REPORTS_ACTION },
  });
  if (!existing) {
    await permissions.create({
      data: {
        action: READ_REPORTS_ACTION,
        actionParameters: {},
        subject: null,
        properties: {},
        conditions: [],
        role: role.id,
      },
    });
  }
}
