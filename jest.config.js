// Three tiers by file suffix: unit (pure, no servers), int (adapters against the real servers),
// e2e (the running apps). Servers are provisioned once per run by the global setup.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@app/(contracts|dashboard|kafka|mongo|platform)$': '<rootDir>/libs/$1/src',
  '^@app/(contracts|dashboard|kafka|mongo|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const tier = (name, suffix, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: [`<rootDir>/{apps,libs,test,scripts}/**/*.${suffix}.spec.ts`],
  ...extra,
});

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  projects: [
    tier('unit', 'unit'),
    tier('int', 'int', { slowTestThreshold: 30 }),
    tier('e2e', 'e2e', { slowTestThreshold: 60 }),
  ],
};
