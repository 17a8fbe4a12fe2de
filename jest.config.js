/**
 * Every suite runs with TZ=UTC; the trigger's suites (they read Diga's date-times, some without an
 * offset) run again in three more zones, each a project of its own (its name shows on every line).
 */
const project = (timeZone, testMatch) => ({
	displayName: `TZ=${timeZone}`,
	testEnvironment: '<rootDir>/test/timeZoneEnvironment.js',
	testEnvironmentOptions: { timeZone },
	roots: ['<rootDir>/test'],
	testMatch,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
});
const TRIGGER_SUITES = ['**/test/trigger/*.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
	projects: [
		project('UTC', ['**/*.test.ts']),
		...['America/New_York', 'Europe/Madrid', 'Asia/Kolkata'].map((timeZone) => project(timeZone, TRIGGER_SUITES)),
	],
	testTimeout: 30000,
	// Suites run in worker processes recycled above 1 GB: on a 2-core machine jest would otherwise run them
	// all in its own process (maxWorkers 1 means in band), whose heap grew past Node's 4 GB default.
	maxWorkers: 2,
	workerIdleMemoryLimit: '1GB',
	// Sums what Diga's OpenAPI spec judged in every test file and prints it (test/spec/specSummary.ts).
	globalSetup: '<rootDir>/test/spec/globalSetup.ts',
	globalTeardown: '<rootDir>/test/spec/globalTeardown.ts',
};
