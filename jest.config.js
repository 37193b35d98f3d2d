/**
 * Two tiers, run apart or together: `unit` (pure builders, constructs synthesized in memory, the
 * collector against mocked clients) and `slow` (real Terraform, the Step Functions emulator, the
 * CLI in a fresh process, the built package). `npm test` runs both.
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup.ts'],
};

module.exports = {
  // Slow tiers run Terraform and child processes; unit tests get the same ceiling on a loaded machine.
  testTimeout: 120000,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/__tests__/unit'], testMatch: ['**/*.test.ts'] },
    { ...shared, displayName: 'slow', roots: ['<rootDir>/__tests__/slow'], testMatch: ['**/*.test.ts'] },
  ],
};
