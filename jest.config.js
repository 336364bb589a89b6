/** @type {import('jest').Config} */
const typescript = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};

const apiTests = ['<rootDir>/tests/api/**/*.test.ts'];

module.exports = {
  // NOTE: 2 workers for a 2-core machine; each API test file boots its own Strapi.
  maxWorkers: 2,
  testTimeout: 300000,
  // NOTE: knex keeps idle PostgreSQL sockets for a while after strapi.destroy(); without this the
  // run waits for them before exiting. Every test file still stops its own Strapi in afterAll.
  forceExit: true,
  globalSetup: '<rootDir>/tests/harness/global-setup.ts',
  globalTeardown: '<rootDir>/tests/harness/global-teardown.ts',
  projects: [
    {
      ...typescript,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/tools/**/tests/**/*.test.ts'],
    },
    {
      ...typescript,
      displayName: 'sqlite',
      testMatch: apiTests,
      setupFiles: ['<rootDir>/tests/harness/use-sqlite.ts'],
    },
    {
      ...typescript,
      displayName: 'postgres',
      testMatch: apiTests,
      setupFiles: ['<rootDir>/tests/harness/use-postgres.ts'],
    },
  ],
};
