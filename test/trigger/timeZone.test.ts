/** Which zone this run of the trigger's suites is in (see jest.config.js): the four runs differ only here. */
test(`runs in ${process.env.TZ}: Date reads local times in that zone`, () => {
	const offset = new Date(Date.UTC(2026, 11, 1)).getTimezoneOffset();
	const expected: Record<string, number> = { UTC: 0, 'America/New_York': 300, 'Europe/Madrid': -60, 'Asia/Kolkata': -330 };
	expect(offset).toBe(expected[process.env.TZ ?? '']);
});
