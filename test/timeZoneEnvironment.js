/**
 * Jest's Node environment in a given time zone (`testEnvironmentOptions.timeZone`, default UTC).
 * It sets the worker's real TZ before each test file: the `process.env` tests see is a copy, and
 * setting TZ there would not change how `Date` reads local times.
 */
const { TestEnvironment } = require('jest-environment-node');

module.exports = class TimeZoneEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		const timeZone = config.projectConfig.testEnvironmentOptions.timeZone ?? 'UTC';
		process.env.TZ = timeZone;
		this.global.process.env.TZ = timeZone;
	}
};
