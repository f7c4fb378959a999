/** CommonJS so that jest needs no TypeScript loader to read it. */
module.exports = {
  displayName: 'identity',
  testEnvironment: 'node',
  // Resolves workspace libraries through the tsconfig paths, like the compiler does.
  resolver: '@nx/jest/plugins/resolver',
  transform: { '^.+\\.ts$': '@swc/jest' },
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/packages/identity',
};
