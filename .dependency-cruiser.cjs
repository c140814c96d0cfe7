// Layer rules: the pure dashboard lib imports no adapter or framework; apps never import each other.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'dashboard-is-pure',
      comment:
        'libs/dashboard holds the fold and period math: no Nest, Kafka, Mongo or other libs but contracts.',
      severity: 'error',
      from: { path: '^libs/dashboard' },
      to: { path: '(^libs/(kafka|mongo|platform))|node_modules/(@nestjs|kafkajs|mongodb|pino)' },
    },
    {
      name: 'contracts-are-pure',
      severity: 'error',
      from: { path: '^libs/contracts' },
      to: { path: '(^libs/(dashboard|kafka|mongo|platform))|node_modules/(@nestjs|kafkajs|mongodb)' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
