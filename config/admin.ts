import type { Core } from '@strapi/strapi';
import { loadConfig } from '../src/platform/config';

export default (): Core.Config.Admin => {
  const config = loadConfig();
  return {
    auth: { secret: config.ADMIN_JWT_SECRET },
    apiToken: { salt: config.API_TOKEN_SALT },
    transfer: { token: { salt: config.TRANSFER_TOKEN_SALT } },
    secrets: { encryptionKey: config.ENCRYPTION_KEY },
    flags: { nps: false, promoteEE: false },
  };
};
