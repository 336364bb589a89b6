import type { Core } from '@strapi/strapi';
import { loadConfig } from '../src/platform/config';

export default (): Core.Config.Server => {
  const config = loadConfig();
  return {
    host: config.HOST,
    port: config.PORT,
    url: config.PUBLIC_URL,
    app: { keys: config.APP_KEYS },
    webhooks: { populateRelations: false },
  };
};
