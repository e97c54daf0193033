/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@risk/db$': '<rootDir>/../db/src',
    '^@risk/api/(.*)$': '<rootDir>/../api/src/$1',
  },
  reporters: ['default', '<rootDir>/src/support/summary-reporter.js'],
  testSequencer: '<rootDir>/src/support/sequencer.js',
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 120000,
};
