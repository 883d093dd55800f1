// @ts-check
/**
 * Mutation testing of src/ledger against src/ledger/ledger.test.ts and test/ledger-concurrency.test.ts
 * on pglite: `npm run test:mutation:ledger --workspace server` (tens of minutes).
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.ledger.ts', related: false },
  mutate: ['src/ledger/*.ts', '!src/ledger/*.test.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 30_000,
  // Mutants of module-level constants need a fresh module load each, about 80 % of the run's time;
  // `--ignoreStatic false` on the command line includes them.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/ledger-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/ledger.html' },
  jsonReporter: { fileName: 'reports/mutation/ledger.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The sandbox (.stryker-tmp/sandbox-…) has no tsconfig.json of its own, so vitest's transform finds
  // server/tsconfig.json above it, whose `extends` resolves. A copy would not, and Stryker could not
  // rewrite it: it would need the TypeScript compiler's JavaScript interface, which TypeScript 7 lacks.
  ignorePatterns: ['/tsconfig.json'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
