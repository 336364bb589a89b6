import { errors } from '@strapi/utils';
import { READ_REPORTS_ACTION } from '../bootstrap/accountant';

interface AdminPolicyContext {
  state: { userAbility?: { can(action: string): boolean } };
}

/**
 * Guards the admin routes with `plugin::reports.read`. NOTE: instead of Strapi's
 * `admin::hasPermissions`, whose refusal is a bare "Policy Failed", so that an admin without
 * the permission is told which one is missing. It must be a PolicyError: Strapi turns any
 * other ForbiddenError thrown behind its authorization step into a bare "Forbidden".
 */
export function canReadReports(ctx: AdminPolicyContext): true {
  if (!ctx.state.userAbility?.can(READ_REPORTS_ACTION)) {
    throw new errors.PolicyError(
      `Reading reports needs the "Read reports" permission (${READ_REPORTS_ACTION}); an administrator can give it to your role, as the Accountant role has it`,
      { permission: READ_REPORTS_ACTION },
    );
  }
  return true;
}
