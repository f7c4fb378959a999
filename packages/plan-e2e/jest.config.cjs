/**
 * The e2e suite: packs the built packages, installs them into a fresh Nx workspace outside the
 * repository and drives the plugin through the real `nx` binary. CommonJS so that jest needs no
 * TypeScript loader to read it.
 */
module.exports = {
  displayName: 'plan-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': '@swc/jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Each step spawns nx (4-7 s); npm install takes about a minute cold.
  testTimeout: 120_000,
  // Reports every failed step, not only the first.
  bail: false,
  // Lists every step with its duration in the CI log.
  verbose: true,
};
