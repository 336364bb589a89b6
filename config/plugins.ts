import type { Core } from '@strapi/strapi';
import { loadConfig } from '../src/platform/config';
import { localPlugin } from '../src/platform/local-plugins';

// NOTE: the media library is not used by the CRM; these limits keep it from serving scripts.
const deniedUploadTypes = [
  'image/svg+xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

export default (): Core.Config.Plugin => {
  const config = loadConfig();
  return {
    'users-permissions': {
      config: {
        jwtSecret: config.JWT_SECRET,
        jwtManagement: 'refresh',
        sessions: { httpOnly: true },
      },
    },
    reports: localPlugin('reports'),
    'accounting-sync': localPlugin('accounting-sync', {
      secretKey: config.ACCOUNTING_SYNC_SECRET_KEY,
      pollIntervalMs: config.ACCOUNTING_SYNC_POLL_MS,
    }),
    upload: {
      config: {
        security: {
          allowedTypes: ['image/*', 'application/pdf', 'text/csv'],
          deniedTypes: deniedUploadTypes,
        },
      },
    },
  };
};
