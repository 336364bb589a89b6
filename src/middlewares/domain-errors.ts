import type { Core } from '@strapi/strapi';
import { toStrapiError } from '../platform/errors';

/**
 * Sits just inside Strapi's error middleware and turns domain errors into the errors it renders
 * with the right status (409 and 422 included), keeping Strapi's `{ data: null, error }` body.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) =>
  async (_ctx: unknown, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      throw toStrapiError(error);
    }
  };
