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
