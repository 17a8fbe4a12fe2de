/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
	testTimeout: 30000,
	// Sums what Diga's OpenAPI spec judged in every test file and prints it (test/spec/specSummary.ts).
	globalSetup: '<rootDir>/test/spec/globalSetup.ts',
	globalTeardown: '<rootDir>/test/spec/globalTeardown.ts',
};
