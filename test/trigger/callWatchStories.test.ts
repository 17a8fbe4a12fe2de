import type { DigaCall } from '../../nodes/Diga/transport/types';
import { observe, OVERLAP_MS, planPoll } from '../../nodes/Diga/trigger/callWatch';
import { CALL_EVENTS, testEventOf } from '../../nodes/Diga/trigger/events';
import type { LegacyPollState, WatchState } from '../../nodes/Diga/trigger/watchState';
import { Account, call, HOUR, KEY, MINUTE, T0, Trigger } from './simulation';

const iso = (ms: number) => new Date(ms).toISOString();

describe('issue 27: a call centre (1,000 calls an hour, all ended) with one call in progress for 5 hours', () => {
	test('activation lists the last 10 minutes and the calls going on; every later poll makes at most 3 requests; the state stays under 20 kB; each call fires once', () => {
		const account = new Account();
		// 6 h 10 min of history, a call every 3.6 s, all ended; the stuck one started 5 h before activation.
		for (let at = T0 - 6 * HOUR - 10 * MINUTE, n = 0; at < T0; at += 3600) account.add(call(`h${++n}`, at, 'completed'));
		account.add(call('stuck', T0 - 5 * HOUR, 'in_progress'));
		const trigger = new Trigger(account);
		expect(trigger.poll(T0)).toEqual([]);
		// The last 10 minutes: 167 calls, 2 pages; the calls dialing, queued, in progress: one page each.
		expect(trigger.requests[0]).toBe(2 + 3);

		let made = 0;
		// 50 minutes: the stuck call is then 5 h 50 min old, still awaited (6 h is the wait limit).
		for (let minute = 1; minute <= 50; minute++) {
			const now = T0 + minute * MINUTE;
			// A quiet minute every tenth, else a minute's calls, each ended within it.
			if (minute % 10 !== 0) for (let k = 0; k < 17; k++) account.add(call(`m${++made}`, now - MINUTE + k * 3500, 'completed'));
			trigger.poll(now);
			expect(trigger.requests.at(-1)).toBeLessThanOrEqual(3);
			expect(trigger.bytes).toBeLessThan(20_000);
		}
		expect(trigger.fired.size).toBe(made);
		expect([...trigger.fired.values()].every((times) => times === 1)).toBe(true);
		// The stuck call was looked up by id each poll, not listed back 5 hours.
		expect(trigger.plans.at(-1)!.lookUp).toEqual(['call-stuck']);
		account.set('call-stuck', 'completed');
		expect(trigger.poll(T0 + 51 * MINUTE)).toEqual(['call-stuck']);
		expect(trigger.poll(T0 + 52 * MINUTE)).toEqual([]);
		expect(trigger.plans.at(-1)!.lookUp).toEqual([]);
	});

	test('with few calls, listing from the oldest awaited call is fewer requests than looking each up: the plan lists', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		for (let n = 1; n <= 5; n++) account.add(call(`long${n}`, T0 + n * MINUTE, 'in_progress'));
		for (let minute = 6; minute <= 60; minute++) {
			if (minute % 10 === 0) account.add(call(`short${minute}`, T0 + minute * MINUTE - 30_000, 'completed'));
			trigger.poll(T0 + minute * MINUTE);
		}
		// Five calls awaited from before the window, a handful of calls an hour: one page from the oldest beats 1 + 5.
		expect(trigger.plans.at(-1)).toEqual({ listSince: iso(T0 + MINUTE), lookUp: [] });
		expect(trigger.requests.at(-1)).toBe(1);
		account.set('call-long3', 'completed');
		expect(trigger.poll(T0 + 61 * MINUTE)).toEqual(['call-long3']);
	});
});

describe('issue 23 point 6: a call dated ahead of now', () => {
	test.each([
		['3 hours ahead, with an offset', 3 * HOUR, true],
		['3 hours ahead, naive (Python)', 3 * HOUR, false],
		['1 day ahead', 24 * HOUR, false],
	])('a finished call dated %s fires once and hides nothing: calls created after it, before the real now, still fire; the window stays ≤ now − overlap', (_, ahead, zoned) => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call('ahead', T0 + MINUTE + ahead, 'completed', zoned));
		account.add(call('a', T0 + MINUTE, 'completed', zoned));
		expect(trigger.poll(T0 + 2 * MINUTE).sort()).toEqual(['call-a', 'call-ahead']);
		for (let minute = 3; minute <= 30; minute++) {
			const now = T0 + minute * MINUTE;
			account.add(call(`after${minute}`, now - 30_000, 'completed', zoned));
			expect(trigger.poll(now)).toEqual([`call-after${minute}`]);
			expect(trigger.since).toBeLessThanOrEqual(now - OVERLAP_MS);
		}
		expect(trigger.fired.get('call-ahead')).toBe(1);
	});
});

describe('a call deleted in Diga while awaited stops being awaited', () => {
	test('an awaited call from before the window answers 404 to its look-up (within two polls): not awaited any more, nothing fires', () => {
		const account = new Account();
		account.add(call('old', T0 - 2 * HOUR, 'in_progress'));
		const trigger = new Trigger(account);
		trigger.poll(T0);
		for (let minute = 1; minute <= 3; minute++) account.add(call(`x${minute}`, T0 + minute * MINUTE, 'completed'));
		trigger.poll(T0 + 4 * MINUTE);
		account.calls.delete('call-old');
		// Looked up at once, or (when listing from it was cheaper) at the poll after a listing did not show it.
		trigger.poll(T0 + 5 * MINUTE);
		trigger.poll(T0 + 6 * MINUTE);
		expect(trigger.plans.slice(-2).flatMap((plan) => plan.lookUp)).toEqual(['call-old']);
		expect(trigger.state.calls!['call-old']?.d ?? 2).toBe(2);
		trigger.poll(T0 + 7 * MINUTE);
		expect(trigger.plans.at(-1)).toEqual({ listSince: expect.any(String), lookUp: [] });
		expect(trigger.fired.has('call-old')).toBe(false);
	});

	test('an awaited call inside the window that a listing no longer shows is looked up at the next poll; a 404 ends the wait', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call('new', T0 + MINUTE, 'in_progress'));
		trigger.poll(T0 + 2 * MINUTE);
		account.calls.delete('call-new');
		trigger.poll(T0 + 3 * MINUTE);
		expect(trigger.state.calls!['call-new']).toEqual({ c: T0 + MINUTE, m: 1 });
		trigger.poll(T0 + 4 * MINUTE);
		expect(trigger.plans.at(-1)!.lookUp).toEqual(['call-new']);
		expect(trigger.state.calls!['call-new']?.d ?? 2).toBe(2);
		trigger.poll(T0 + 5 * MINUTE);
		expect(trigger.plans.at(-1)!.lookUp).toEqual([]);
	});
});

describe('the state of the first version (before the state machine) carries over: nothing fires twice, nothing is lost', () => {
	/** The static data the first version left: C fired, P in progress (awaited), the window from P less 10 minutes. */
	const legacy = (event: string): LegacyPollState => ({
		key: KEY,
		since: iso(T0 - 30 * MINUTE),
		calls: {
			'call-P': { created: iso(T0 - 20 * MINUTE), done: event === 'newCall' },
			'call-C': { created: iso(T0 - 10 * MINUTE), done: true },
			'call-U': { created: null, seen: iso(T0 - 5 * MINUTE), done: false },
		},
	});

	test('Call Finished: the awaited call fires once when it ends, the fired one never again, a new one once', () => {
		const account = new Account();
		account.add(call('P', T0 - 20 * MINUTE, 'in_progress'));
		account.add(call('C', T0 - 10 * MINUTE, 'completed'));
		const trigger = new Trigger(account);
		trigger.state = legacy('callFinished') as WatchState;
		account.add(call('N', T0 + MINUTE, 'completed'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-N']);
		// The first version's window is read once, the state is the new shape from then on.
		expect(trigger.plans[0].listSince).toBe(iso(T0 - 30 * MINUTE));
		expect(trigger.state.v).toBe(2);
		account.set('call-P', 'completed');
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual(['call-P']);
		expect(trigger.poll(T0 + 4 * MINUTE)).toEqual([]);
		expect([...trigger.fired.values()]).toEqual([1, 1]);
	});

	test('New Call: calls it had seen do not fire again; a new one fires once', () => {
		const account = new Account();
		account.add(call('P', T0 - 20 * MINUTE, 'in_progress'));
		account.add(call('C', T0 - 10 * MINUTE, 'completed'));
		const trigger = new Trigger(account, 'newCall');
		trigger.state = legacy('newCall') as WatchState;
		account.add(call('N', T0 + MINUTE, 'dialing'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-N']);
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual([]);
	});

	test('a first-version window ahead of now (issue 23 point 6) is brought back to now less the overlap', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.state = { key: KEY, since: iso(T0 + 3 * HOUR), calls: {} } as WatchState;
		account.add(call('N', T0 + MINUTE, 'completed'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-N']);
	});
});

describe('n8n’s clock a day ahead for one poll, then set right', () => {
	test('the window that poll wrote (a day ahead, in the current state shape) is brought back: every call created since fires once, none is lost', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call('x', T0 + 30_000, 'completed'));
		// A day "later" the listing reaches back 6 h 10 min only: x is not in it, and the window moves a day ahead.
		expect(trigger.poll(T0 + 24 * HOUR)).toEqual([]);
		expect(trigger.since).toBeGreaterThan(T0 + 12 * HOUR);
		for (let minute = 2; minute <= 15; minute++) {
			const now = T0 + minute * MINUTE;
			account.add(call(`m${minute}`, now - 30_000, 'completed'));
			expect(trigger.poll(now)).toEqual(minute === 2 ? ['call-x', 'call-m2'] : [`call-m${minute}`]);
			expect(trigger.since).toBeLessThanOrEqual(now - OVERLAP_MS);
		}
		expect([...trigger.fired.values()].every((times) => times === 1)).toBe(true);
	});
});

describe('Diga’s clock behind n8n’s', () => {
	test('activation with Diga 40 minutes behind: the empty listing is followed by the newest call; calls created after activation fire', () => {
		const account = new Account();
		const behind = 40 * MINUTE;
		account.add(call('before', T0 - behind - MINUTE, 'completed'));
		const trigger = new Trigger(account);
		trigger.poll(T0);
		expect(trigger.since).toBe(T0 - behind - MINUTE - OVERLAP_MS);
		for (let minute = 1; minute <= 20; minute++) {
			account.add(call(`m${minute}`, T0 + minute * MINUTE - behind, 'completed'));
			expect(trigger.poll(T0 + minute * MINUTE)).toEqual([`call-m${minute}`]);
		}
		expect(trigger.fired.has('call-before')).toBe(false);
	});
});

describe('Status Changed, and observations one call at a time (a webhook trigger’s deliveries)', () => {
	const at = (c: DigaCall, status: string) => ({ ...c, status }) as DigaCall;

	test('each status of a call fires once; a repeated, stale or out-of-order observation fires nothing; a restart in between changes nothing', () => {
		let state: WatchState = observe({}, KEY, 'statusChanged', [], T0, { listedSince: iso(T0 - OVERLAP_MS) }).state;
		const c = call(1, T0 + MINUTE, 'dialing');
		const deliver = (copy: DigaCall, now: number) => {
			const next = observe(state, KEY, 'statusChanged', [copy], now);
			state = JSON.parse(JSON.stringify(next.state)) as WatchState;
			return next.fired.map((f) => f.status);
		};
		expect(deliver(c, T0 + MINUTE)).toEqual(['dialing']);
		expect(deliver(c, T0 + MINUTE)).toEqual([]);
		expect(deliver(at(c, 'in_progress'), T0 + 2 * MINUTE)).toEqual(['in_progress']);
		expect(deliver(at(c, 'completed'), T0 + 3 * MINUTE)).toEqual(['completed']);
		// A delivery for in_progress arriving late, after the call ended: nothing.
		expect(deliver(at(c, 'in_progress'), T0 + 3 * MINUTE)).toEqual([]);
		expect(deliver(at(c, 'completed'), T0 + 4 * MINUTE)).toEqual([]);
	});

	test('ten calls ending in the same second, delivered in reverse order and each twice: each fires Call Finished once', () => {
		let state: WatchState = observe({}, KEY, 'callFinished', [], T0, { listedSince: iso(T0 - OVERLAP_MS) }).state;
		const calls = Array.from({ length: 10 }, (_, n) => call(n, T0 + 5000, 'completed'));
		const fired: string[] = [];
		for (const c of [...calls].reverse().flatMap((c) => [c, c])) {
			const next = observe(state, KEY, 'callFinished', [c], T0 + 6000);
			state = next.state;
			fired.push(...next.fired.map((f) => f.id));
		}
		expect(fired.sort()).toEqual(calls.map((c) => c.id).sort());
		// A catch-up poll afterwards finds them all known.
		const plan = planPoll(state, KEY, 'callFinished', T0 + MINUTE);
		expect(observe(state, KEY, 'callFinished', calls, T0 + MINUTE, { listedSince: plan.listSince }).fired).toEqual([]);
	});

	test('a 404 for a delivered call fires nothing and ends its wait', () => {
		const c = call(1, T0 + MINUTE, 'in_progress');
		const started = observe({}, KEY, 'callFinished', [c], T0, { listedSince: iso(T0 - OVERLAP_MS) }).state;
		const next = observe(started, KEY, 'callFinished', [], T0 + 2 * MINUTE, { gone: [c.id] });
		expect(next.fired).toEqual([]);
		expect(next.state.calls![c.id].d).toBe(2);
	});
});

describe('Fetch Test Event (issue 25, while there)', () => {
	test('Call Finished: the newest listed call with any ended status, not only completed; New Call: the newest', () => {
		const listed = [call(3, T0 + 3 * MINUTE, 'in_progress'), call(2, T0 + 2 * MINUTE, 'no_answer'), call(1, T0 + MINUTE, 'completed')];
		expect(testEventOf('callFinished', listed)?.id).toBe('call-2');
		expect(testEventOf('newCall', listed)?.id).toBe('call-3');
		expect(testEventOf('callFinished', [listed[0]])).toBeUndefined();
		// Only spec-valid queries: the newest 100 calls, then the newest `completed` one (the spec's only ended status).
		expect(CALL_EVENTS.callFinished.testQueries).toEqual([{ qs: {}, limit: 100 }, { qs: { status: 'completed' }, limit: 1 }]);
	});
});
