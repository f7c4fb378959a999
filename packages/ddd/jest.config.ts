export default {
  displayName: 'ddd',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': '@swc/jest' },
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/packages/ddd',
};
