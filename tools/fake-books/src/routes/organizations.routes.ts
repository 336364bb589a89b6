import { sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';

/** `GET /organizations`, which a connector calls to check the organization id it was given. */
export function registerOrganizationRoutes(
  router: FakeBooksRouter,
  organizationIds: readonly string[],
): void {
  router.get('/organizations', (ctx) => {
    sendOk(ctx, 'success', {
      organizations: organizationIds.map((organizationId, index) => ({
        organization_id: organizationId,
        name: `Fake Books Organization ${index + 1}`,
        is_default_org: index === 0,
        currency_code: 'USD',
        time_zone: 'Etc/UTC',
      })),
    });
  });
}
