import crypto from 'node:crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';

/** Builders with overrides: each test makes exactly what it needs. */

const unique = () => crypto.randomBytes(3).toString('hex').toUpperCase();

export function buildCustomer(overrides: Record<string, unknown> = {}) {
  return { code: `C${unique()}`, companyName: 'Alfreds Futterkiste', ...overrides };
}

export function buildAsset(overrides: Record<string, unknown> = {}) {
  return { sku: `SKU-${unique()}`, name: 'Chai', listPrice: 1800, ...overrides };
}

export function api(strapi: Core.Strapi) {
  return request(strapi.server.httpServer);
}

/** Creates a full-access API token and returns its bearer header. */
export async function fullAccessToken(strapi: Core.Strapi): Promise<string> {
  const token = (await strapi
    .service('admin::api-token')
    .create({ name: `tests-${unique()}`, type: 'full-access', lifespan: null })) as {
    accessKey: string;
  };
  return `Bearer ${token.accessKey}`;
}

/**
 * Creates a confirmed local user with the users-permissions role of type `roleType`, logs it in
 * through `/api/auth/local` and returns its bearer header.
 */
export async function logInWithRole(strapi: Core.Strapi, roleType: string): Promise<string> {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: roleType } });
  expect(role).not.toBeNull();
  // NOTE: lower case: users-permissions lower-cases the e-mail a user logs in with.
  const username = `staff-${unique().toLowerCase()}`;
  const password = `Pw-${unique()}-${unique().toLowerCase()}`;
  await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username,
      email: `${username}@example.com`,
      password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    });
  const login = await api(strapi)
    .post('/api/auth/local')
    .send({ identifier: `${username}@example.com`, password });
  expect(login.status).toBe(200);
  expect(typeof login.body.jwt).toBe('string');
  expect(login.body.user.username).toBe(username);
  return `Bearer ${login.body.jwt}`;
}
