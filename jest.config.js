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
  '^@app/(contracts|dashboard|kafka|mongo|platform|simulator)$': '<rootDir>/libs/$1/src',
  '^@app/(contracts|dashboard|kafka|mongo|platform|simulator)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const tier = (name, suffix, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: [`<rootDir>/{apps,libs,test,scripts}/**/*.${suffix}.spec.ts`],
  ...extra,
});

// Per-project hooks: Jest runs each distinct hook file once per invocation, and only when a project using
// it has tests selected, so `--selectProjects unit` starts no servers and int+e2e together start them once.
const servers = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  projects: [
    tier('unit', 'unit'),
    tier('int', 'int', { slowTestThreshold: 30, ...servers }),
    tier('e2e', 'e2e', { slowTestThreshold: 60, ...servers }),
  ],
};
