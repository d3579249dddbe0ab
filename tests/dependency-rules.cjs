/**
 * Import rules of the product code (lib/, entrypoints/, components/), checked by `npm run check`
 * with dependency-cruiser: no import cycle, and the kernel imports no feature (DESIGN.md, "Layout").
 */
const FEATURES = '^lib/(energy|aml|twoaml|risk|tronlink|payments)/';
const KERNEL =
  '^lib/(storage|http|log|service-clients|queue|app-view|view-ports|app-handlers)\\.ts$|^lib/(jobs|tron|config|api)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle couples two modules into one; split out what both need.',
      from: { path: '^(lib|entrypoints|components)/' },
      to: { circular: true },
    },
    {
      name: 'kernel-imports-no-feature',
      severity: 'error',
      comment: 'The kernel serves every feature; a feature hands the kernel what it needs instead.',
      from: { path: KERNEL },
      // Types may name a feature's view (the app view is made of them); code may not.
      to: { path: FEATURES, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt|tests)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    webpackConfig: { fileName: 'tests/dependency-aliases.cjs' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
