import type { createRequire } from 'node:module';

// jwks-rsa depends on jose 6, which ships ES modules only. Jest's CommonJS sandbox cannot load those (and
// patches the `module` builtin it hands out), while Node's own require can (require(esm), Node >= 20.19).
jest.mock('jose', () => {
  const nodeModule = process.getBuiltinModule('node:module') as { createRequire: typeof createRequire };
  return nodeModule.createRequire(__filename)('jose');
});
