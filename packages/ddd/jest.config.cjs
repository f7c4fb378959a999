/** CommonJS so that jest needs no TypeScript loader to read it. */
module.exports = {
  displayName: 'ddd',
  preset: '../../jest.preset.js',
  transform: { '^.+\\.ts$': '@swc/jest' },
  coverageDirectory: '../../coverage/packages/ddd',
};
