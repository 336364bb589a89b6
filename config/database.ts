import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { loadConfig } from '../src/platform/config';

export default (): Core.Config.Database => {
  const config = loadConfig();
  if (config.DATABASE_CLIENT === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          // NOTE: pg lets a connection string win over the separate fields when both are given.
          connectionString: config.DATABASE_URL,
          host: config.DATABASE_HOST,
          port: config.DATABASE_PORT,
          database: config.DATABASE_NAME,
          user: config.DATABASE_USERNAME,
          password: config.DATABASE_PASSWORD,
          ssl: config.DATABASE_SSL,
          schema: config.DATABASE_SCHEMA,
        },
        pool: { min: config.DATABASE_POOL_MIN, max: config.DATABASE_POOL_MAX },
        acquireConnectionTimeout: config.DATABASE_CONNECTION_TIMEOUT,
      },
    };
  }
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(config.appRoot, config.DATABASE_FILENAME) },
      useNullAsDefault: true,
      acquireConnectionTimeout: config.DATABASE_CONNECTION_TIMEOUT,
    },
  };
};
