/** CommonJS so that jest needs no TypeScript loader to read it. */
module.exports = {
  displayName: 'plan',
  preset: '../../jest.preset.js',
  transform: { '^.+\\.ts$': '@swc/jest' },
  testPathIgnorePatterns: ['/node_modules/', '/files/'],
  coverageDirectory: '../../coverage/packages/plan',
};
