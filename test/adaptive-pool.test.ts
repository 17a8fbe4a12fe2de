import type { AnsweredRequest } from '../nodes/Diga/transport/limiter';
import { AdaptiveLimiter } from '../nodes/Diga/transport/limiter';
import { TEST_API_KEY } from '../dev/diga-server/digaServer';
import { IDS, locator, run, updatePhone, useDigaServer } from './helpers';

/** Requests through a limiter whose answers the test gives, one by one. */
function harness(limiter: AdaptiveLimiter) {
	const open: Array<(answer: AnsweredRequest) => void> = [];
	let inFlight = 0;
	let peak = 0;
	let started = 0;
	const settle = () => new Promise((resolve) => setImmediate(resolve));
	return {
		send: () =>
			limiter.run(
				() =>
					new Promise<AnsweredRequest>((resolve) => {
						inFlight++;
						started++;
						peak = Math.max(peak, inFlight);
						open.push((answer) => {
							inFlight--;
							resolve(answer);
						});
					}),
			),
		/** Answers the oldest open request. */
		answer: async (statusCode: number, headers: Record<string, string> = {}) => {
			open.shift()!({ statusCode, headers });
			await settle();
		},
		settle,
		get inFlight() {
			return inFlight;
		},
		get started() {
			return started;
		},
		resetPeak: () => (peak = inFlight),
		get peak() {
			return peak;
		},
	};
}

/** The allowance tests answer in lockstep with the starts: unpaced (the paced starts: test/pacer.test.ts). */
const unpaced = { pace: false } as const;

describe('AdaptiveLimiter', () => {
	test('never more than Max Concurrency in flight', async () => {
		const pool = harness(new AdaptiveLimiter({ max: 4, maxPauseMs: 60_000, ...unpaced }));
		const all = Array.from({ length: 10 }, () => pool.send());
		await pool.settle();
		expect(pool.inFlight).toBe(4);
		for (let i = 0; i < 10; i++) await pool.answer(200);
		await Promise.all(all);
		expect(pool.peak).toBe(4);
	});

	test('a 429 halves the requests in flight; no new request starts until fewer run', async () => {
		const limiter = new AdaptiveLimiter({ max: 8, maxPauseMs: 60_000, ...unpaced });
		const pool = harness(limiter);
		const all = Array.from({ length: 20 }, () => pool.send());
		await pool.settle();
		expect(pool.inFlight).toBe(8);

		await pool.answer(429);
		expect(limiter.allowance).toBe(4);
		// 7 still in flight: nothing new starts until fewer than 4 are.
		expect(pool.inFlight).toBe(7);
		const startedBefore = pool.started;
		for (let i = 0; i < 3; i++) await pool.answer(200);
		expect(pool.started).toBe(startedBefore);
		pool.resetPeak();
		// Until 4 answers have come back without 429, at most 4 run.
		expect(limiter.allowance).toBe(4);
		await pool.answer(200);
		expect(pool.peak).toBe(4);
		while (pool.inFlight > 0) await pool.answer(200);
		await Promise.all(all);
	});

	test('widens by one after each full allowance of answers without 429, never above Max Concurrency', async () => {
		const limiter = new AdaptiveLimiter({ max: 3, maxPauseMs: 60_000, ...unpaced });
		const pool = harness(limiter);
		const all = Array.from({ length: 40 }, () => pool.send());
		await pool.settle();
		await pool.answer(429); // 3 in flight → 1
		expect(limiter.allowance).toBe(1);
		const seen: number[] = [];
		while (pool.inFlight > 0) {
			await pool.answer(200);
			seen.push(limiter.allowance);
		}
		await Promise.all(all);
		// The two answers to requests sent before the 429 do not count.
		expect(seen.slice(0, 6)).toEqual([1, 1, 2, 2, 3, 3]);
		expect(Math.max(...seen)).toBe(3);
	});

	test('fixed (the benchmark\'s "before"): 429s leave the pool at Max Concurrency', async () => {
		const limiter = new AdaptiveLimiter({ max: 4, maxPauseMs: 60_000, adaptive: false, ...unpaced });
		const pool = harness(limiter);
		const all = Array.from({ length: 8 }, () => pool.send());
		await pool.settle();
		await pool.answer(429, { 'retry-after': '30' });
		expect(limiter.allowance).toBe(4);
		expect(pool.inFlight).toBe(4);
		while (pool.inFlight > 0) await pool.answer(200);
		await Promise.all(all);
	});

	test('no new request starts before the Retry-After of a 429, capped at Max Retry Wait', async () => {
		const pool = harness(new AdaptiveLimiter({ max: 2, maxPauseMs: 150, ...unpaced }));
		const all = Array.from({ length: 3 }, () => pool.send());
		await pool.settle();
		const answeredAt = Date.now();
		await pool.answer(429, { 'retry-after': '5' }); // asks for 5 s; the cap is 150 ms
		expect(pool.started).toBe(2);
		await pool.answer(200);
		await pool.settle();
		expect(pool.started).toBe(2);
		while (pool.started < 3) await new Promise((resolve) => setTimeout(resolve, 10));
		const waited = Date.now() - answeredAt;
		expect(waited).toBeGreaterThanOrEqual(140);
		expect(waited).toBeLessThan(1000);
		await pool.answer(200);
		await Promise.all(all);
	});
});

describe('the test server\'s rate limit', () => {
	const server = useDigaServer();

	test('beyond N requests in one second: 429 with Retry-After, counted', async () => {
		server.rateLimitPerSecond = 2;
		const patch = async () =>
			await fetch(`${server.baseUrl}/v1/phone/${IDS.salesPhone}`, {
				method: 'PATCH',
				headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({ nickname: 'x' }),
			});
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push(await patch());
		expect(statuses.map((response) => response.status)).toEqual([200, 200, 429]);
		expect(statuses[2].headers.get('retry-after')).toBe('1');
		expect(server.rateLimited).toBe(1);
	});

	test('Phone → Update under a rate limit: every item updated, in order, never more than Max Concurrency in flight', async () => {
		server.reset(30);
		server.rateLimitPerSecond = 15;
		server.latencyMs = 5;
		const phones = server.state.phones.slice(-30);
		const result = await run(server, {
			items: phones.map((phone) => ({ id: phone.id })),
			parameters: updatePhone(locator('id', '={{ $json.id }}'), { nickname: 'x' }, { maxConcurrency: 5 }),
		});
		expect(result.error).toBeUndefined();
		expect(server.rateLimited).toBeGreaterThan(0);
		expect(server.maxInFlight).toBeLessThanOrEqual(5);
		expect(result.items.map((item) => item.json.id)).toEqual(phones.map((phone) => phone.id));
	}, 30_000);
});
