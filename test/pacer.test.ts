import type { AnsweredRequest } from '../nodes/Diga/transport/limiter';
import { AdaptiveLimiter } from '../nodes/Diga/transport/limiter';
import { StartPacer } from '../nodes/Diga/transport/pacer';

/** A pacer on a clock the test moves. */
function pacerAt() {
	const clock = { now: 1000 };
	return { clock, pacer: new StartPacer(() => clock.now) };
}

describe('StartPacer: the starts of one run, spread over the round trip', () => {
	test('before the first answer nothing is known: every start is due at once', () => {
		const { pacer, clock } = pacerAt();
		const slots = Array.from({ length: 10 }, () => pacer.book(10));
		expect(slots).toEqual(Array(10).fill(clock.now));
		expect(slots.map((slot) => pacer.pauseUntil(slot))).toEqual(Array(10).fill(0));
	});

	test('answers that arrive together: the next requests leave one round trip / width apart', () => {
		const { pacer, clock } = pacerAt();
		pacer.observe(20);
		const slots = Array.from({ length: 10 }, () => pacer.book(10));
		expect(slots.map((slot) => slot - clock.now)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
		expect(slots.map((slot) => pacer.pauseUntil(slot))).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
		// The slots are not booked twice: the next start comes after the last one booked.
		expect(pacer.book(10) - clock.now).toBe(20);
	});

	test('starts that come slower than the schedule never wait (a run busy with n8n’s own work)', () => {
		const { pacer, clock } = pacerAt();
		pacer.observe(20);
		for (let i = 0; i < 50; i++) {
			clock.now += 2.5; // 2.5 ms of work per item, the schedule allows one start per 2 ms
			expect(pacer.pauseUntil(pacer.book(10))).toBe(0);
		}
	});

	test('at 0 ms latency (sub-millisecond round trips) no start ever pauses', () => {
		const { pacer, clock } = pacerAt();
		pacer.observe(3);
		pacer.observe(0.6);
		// Even with far less work per item than n8n does (about 2 ms), starts only ever wait < 1 ms.
		const pauses = Array.from({ length: 100 }, () => {
			clock.now += 0.1;
			return pacer.pauseUntil(pacer.book(10));
		});
		expect(pauses).toEqual(Array(100).fill(0));
	});

	test('the estimate is the shortest round trip: late answers (queueing) do not slow the schedule', () => {
		const { pacer } = pacerAt();
		pacer.observe(50);
		pacer.observe(80);
		pacer.observe(52);
		expect(pacer.roundTrip).toBe(50);
		expect(pacer.interval(10)).toBe(5);
	});

	test('faster answers speed the schedule up at once; slower ones never slow it down (the width holds them)', () => {
		const { pacer } = pacerAt();
		[50, 50, 50].forEach((ms) => pacer.observe(ms));
		pacer.observe(20);
		expect(pacer.roundTrip).toBe(20);
		[90, 90, 90].forEach((ms) => pacer.observe(ms));
		expect(pacer.roundTrip).toBe(20);
	});

	test('a pause shorter than a timer can wait is not taken', () => {
		const { pacer, clock } = pacerAt();
		pacer.observe(15); // 1.5 ms per start at width 10
		const first = pacer.book(10);
		const second = pacer.book(10);
		expect(second - first).toBeCloseTo(1.5);
		clock.now += 0.7;
		expect(pacer.pauseUntil(second)).toBe(0); // 0.8 ms away: it leaves now
		expect(pacer.pauseUntil(pacer.book(10))).toBeCloseTo(2.3);
		clock.now += 5;
		expect(pacer.pauseUntil(pacer.book(10))).toBe(0);
	});

	test('a schedule finer than a millisecond per start is not kept, even for a burst', () => {
		const { pacer, clock } = pacerAt();
		pacer.observe(8); // 0.8 ms per start at width 10
		expect(Array.from({ length: 10 }, () => pacer.book(10))).toEqual(Array(10).fill(clock.now));
	});

	test('a narrower width spreads less per start: the interval is round trip / width', () => {
		const { pacer } = pacerAt();
		pacer.observe(30);
		expect(pacer.interval(1)).toBe(30);
		expect(pacer.interval(3)).toBe(10);
		expect(pacer.interval(0)).toBe(30);
	});

	test('pauses that keep ending more than a round trip late (a machine short of CPU) stop the schedule for the run', () => {
		const { pacer } = pacerAt();
		pacer.observe(20); // one start per 2 ms
		expect(pacer.paces(10)).toBe(true);
		pacer.pausedLate(18); // n8n's work on a burst of answers: not counted
		pacer.pausedLate(25);
		pacer.pausedLate(25);
		pacer.pausedLate(5); // one on time: the count starts again
		pacer.pausedLate(25);
		pacer.pausedLate(25);
		expect(pacer.paces(10)).toBe(true);
		pacer.pausedLate(25);
		expect(pacer.paces(10)).toBe(false);
		expect(Array.from({ length: 5 }, () => pacer.pauseUntil(pacer.book(10)))).toEqual([0, 0, 0, 0, 0]);
	});

	test('nonsense measurements are ignored', () => {
		const { pacer } = pacerAt();
		pacer.observe(Number.NaN);
		pacer.observe(-3);
		expect(pacer.roundTrip).toBeUndefined();
	});
});

describe('AdaptiveLimiter: paced starts (fake clock)', () => {
	/** A limiter on a fake clock and fake timers; each request stays open until the test answers it. */
	function pacedPool(max: number, cpuPerStart = 0) {
		const clock = { now: 0 };
		const pauses: number[] = [];
		const timers: Array<{ at: number; fire: () => void }> = [];
		const limiter = new AdaptiveLimiter({
			max,
			maxPauseMs: 60_000,
			now: () => clock.now,
			wait: async (ms) => {
				pauses.push(ms);
				await new Promise<void>((fire) => timers.push({ at: clock.now + ms, fire }));
			},
		});
		const open: Array<() => void> = [];
		const startedAt: number[] = [];
		let inFlight = 0;
		let peak = 0;
		const send = () =>
			limiter.run(
				() =>
					new Promise<AnsweredRequest>((resolve) => {
						startedAt.push(clock.now);
						clock.now += cpuPerStart; // n8n's synchronous work for the request
						peak = Math.max(peak, ++inFlight);
						open.push(() => {
							inFlight--;
							resolve({ statusCode: 200 });
						});
					}),
			);
		const settle = () => new Promise((resolve) => setImmediate(resolve));
		/** Lets the fake time run on until no timer is left. */
		const runTimers = async () => {
			await settle();
			while (timers.length) {
				timers.sort((a, b) => a.at - b.at);
				const timer = timers.shift()!;
				clock.now = Math.max(clock.now, timer.at);
				timer.fire();
				await settle();
			}
		};
		/** All open requests answer at once, `latency` after the clock's time; then the paced starts run. */
		const answerAll = async (latency: number) => {
			clock.now += latency;
			open.splice(0).forEach((answer) => answer());
			await runTimers();
		};
		/** All open requests answer at once, `latency` after the clock's time; only what follows in the same turn runs. */
		const answerInOneTurn = async (latency: number) => {
			clock.now += latency;
			open.splice(0).forEach((answer) => answer());
			await settle();
		};
		return { clock, pauses, startedAt, send, settle, runTimers, answerAll, answerInOneTurn, get peak() { return peak; }, get open() { return open.length; } };
	}

	test('answers that arrive together: the next round leaves spread over the round trip, not in a burst', async () => {
		const pool = pacedPool(4);
		const all = Array.from({ length: 12 }, () => pool.send());
		await pool.runTimers();
		expect(pool.startedAt).toEqual([0, 0, 0, 0]); // nothing measured yet: no schedule
		await pool.answerAll(20); // the first burst's round trips are not measured: the next round leaves at once
		expect(pool.startedAt.slice(4)).toEqual([20, 20, 20, 20]);
		await pool.answerAll(20); // four answers at 40 ms, each after 20 ms
		expect(pool.startedAt.slice(8)).toEqual([40, 45, 50, 55]);
		expect(pool.pauses.filter((ms) => ms > 0)).toEqual([5, 10, 15]);
		expect(pool.peak).toBe(4);
		await pool.answerAll(20);
		await Promise.all(all);
	});

	test('the first burst (n8n cold start, the whole burst of work) does not pace a run whose later round trips are short', async () => {
		const pool = pacedPool(10);
		const all = Array.from({ length: 30 }, () => pool.send());
		await pool.runTimers();
		await pool.answerAll(40); // 4 ms per start, were the first burst measured
		while (pool.open > 0) await pool.answerAll(2);
		await Promise.all(all);
		expect(pool.startedAt).toHaveLength(30);
		expect(pool.pauses).toEqual([]);
	});

	test('paced or not, never more than Max Concurrency in flight', async () => {
		const pool = pacedPool(3);
		const all = Array.from({ length: 30 }, () => pool.send());
		await pool.runTimers();
		for (let round = 0; pool.open > 0; round++) await pool.answerAll(10 + (round % 3) * 7);
		await Promise.all(all);
		expect(pool.startedAt).toHaveLength(30);
		expect(pool.peak).toBe(3);
	});

	test('unpaced (round trips below a millisecond per start): answers handled together start together, as before', async () => {
		const pool = pacedPool(10, 0.05);
		const all = Array.from({ length: 20 }, () => pool.send());
		await pool.settle();
		expect(pool.startedAt).toHaveLength(10);
		await pool.answerInOneTurn(2);
		expect(pool.startedAt).toHaveLength(20);
		expect(pool.pauses).toEqual([]);
		await pool.answerAll(2);
		await Promise.all(all);
	});

	test('at 0 ms latency nothing waits', async () => {
		const pool = pacedPool(10);
		const all = Array.from({ length: 50 }, () => pool.send());
		await pool.runTimers();
		while (pool.open > 0) await pool.answerAll(0);
		await Promise.all(all);
		expect(pool.startedAt).toHaveLength(50);
		expect(pool.pauses).toEqual([]);
	});
});

test('a paced start that is cancelled (the run\'s wait throws) never sends', async () => {
	let clock = 0;
	const limiter = new AdaptiveLimiter({
		max: 2,
		maxPauseMs: 60_000,
		now: () => clock,
		wait: async () => await Promise.reject(new Error('The execution was cancelled')),
	});
	let sent = 0;
	const send = async (latency: number) =>
		await limiter.run(async () => {
			sent++;
			await Promise.resolve();
			clock += latency;
			return { statusCode: 200 };
		});
	await send(40); // the first request: not measured
	await send(40); // round trip 40 ms: one start per 20 ms from now on
	const [due, paced] = await Promise.allSettled([send(40), send(40)]);
	expect(due.status).toBe('fulfilled');
	expect(paced).toMatchObject({ status: 'rejected', reason: { message: 'The execution was cancelled' } });
	expect(sent).toBe(3);
});
