import type { Config } from 'jest';

const contracts = { '^@world-it/contracts$': '<rootDir>/libs/contracts/src/index.ts' };
const serverTransform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.spec.json' }],
} as const;

/**
 * One runner for the whole repo. Projects:
 *  - server-unit: specs beside the server code, one boundary mocked
 *  - server-e2e:  the real Nest app against real PostgreSQL and Redis (a fresh database per run)
 *  - deploy:      docker-compose.yml, nginx and the Dockerfile, parsed
 *  - libs:        the shared contracts
 *  - client:      Angular components and services (jsdom)
 *  - resilience:  real API processes fuzzed from the OpenAPI document and SIGKILLed
 *  - browser:     journeys in headless Chromium against the built app
 */
const config: Config = {
  rootDir: '.',
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'server-unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/src'],
      testMatch: ['**/*.spec.ts'],
      transform: serverTransform,
      moduleNameMapper: contracts,
    },
    {
      displayName: 'server-e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: serverTransform,
      moduleNameMapper: contracts,
      globalSetup: '<rootDir>/server/test/utils/global-setup.ts',
      globalTeardown: '<rootDir>/server/test/utils/global-teardown.ts',
      setupFiles: ['<rootDir>/server/test/utils/setup-env.ts'],
      slowTestThreshold: 30,
    },
    {
      // The same API suites on the embedded defaults (PGlite, in-process jobs): both modes behave alike.
      displayName: 'server-e2e-embedded',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/test'],
      testMatch: [
        '**/e2e/{auth,admin,chat-rest,chat-socket,chat-sessions,chat-history,chat-group-commit,uploads,profiles,notifications,avatars,albums,friendships,blocks,search-index,socket-unknown-event,reliability,posts,housekeeping,privacy,metrics}.e2e-spec.ts',
      ],
      transform: serverTransform,
      moduleNameMapper: contracts,
      globalSetup: '<rootDir>/server/test/utils/global-setup.ts',
      globalTeardown: '<rootDir>/server/test/utils/global-teardown.ts',
      setupFiles: ['<rootDir>/server/test/utils/setup-env.ts', '<rootDir>/server/test/utils/setup-env-embedded.ts'],
      slowTestThreshold: 30,
    },
    {
      // `npm run test:resilience`: real API processes fuzzed and SIGKILLed (see README, Tests).
      displayName: 'resilience',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/test/resilience'],
      testMatch: ['**/*.resilience.ts'],
      transform: serverTransform,
      moduleNameMapper: contracts,
      globalSetup: '<rootDir>/server/test/utils/global-setup.ts',
      globalTeardown: '<rootDir>/server/test/utils/global-teardown.ts',
      setupFiles: ['<rootDir>/server/test/utils/setup-env.ts'],
    },
    {
      // The deployment files (docker-compose.yml, deploy/nginx.conf, Dockerfile) read as data: no Docker here.
      displayName: 'deploy',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/test/deploy'],
      testMatch: ['**/*.spec.ts'],
      transform: serverTransform,
      moduleNameMapper: contracts,
    },
    {
      displayName: 'libs',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs'],
      testMatch: ['**/*.spec.ts'],
      transform: serverTransform,
    },
    {
      displayName: 'client',
      preset: 'jest-preset-angular',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/client/src'],
      testMatch: ['**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/client/setup-jest.ts'],
      moduleNameMapper: contracts,
      transform: {
        '^.+\\.(ts|js|mjs|html|svg)$': [
          'jest-preset-angular',
          { tsconfig: '<rootDir>/client/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
        ],
      },
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/client/e2e'],
      testMatch: ['**/*.e2e.ts'],
      transform: serverTransform,
      moduleNameMapper: contracts,
      globalSetup: '<rootDir>/client/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/client/e2e/support/global-teardown.ts',
    },
  ],
};

export default config;
