import { HORIZON_MS, MAX_WAIT_MS, observe, OVERLAP_MS, planPoll } from '../../nodes/Diga/trigger/callWatch';
import type { WatchState } from '../../nodes/Diga/trigger/watchState';
import { Account, call, HOUR, KEY, MINUTE, T0, Trigger } from './simulation';

describe('the state machine over a long run (pure: a simulated clock, no HTTP)', () => {
	// Times without an offset, as Python writes them: read as UTC, under every TZ the suite runs in.
	test('a day of polls every minute, 2 calls a minute, 1 in 50 never finishing: every finished call fires once, the state stays small', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		let finished = 0;
		let largest = 0;
		let n = 0;
		const minutes = 24 * 60;
		for (let minute = 1; minute <= minutes; minute++) {
			const now = T0 + minute * MINUTE;
			for (let k = 0; k < 2; k++) account.add(call(++n, now - 30_000, 'in_progress'));
			// Calls last 1 to 15 minutes; every 50th never ends.
			for (const c of account.calls.values()) {
				const number = Number(c.id.slice(5));
				const age = (now - account.created.get(c.id)!) / MINUTE;
				if (c.status !== 'completed' && number % 50 !== 0 && age >= (number % 15) + 1) {
					account.set(c.id, 'completed');
					finished++;
				}
			}
			trigger.poll(now);
			largest = Math.max(largest, trigger.size);
			expect(trigger.since).toBeLessThanOrEqual(now - OVERLAP_MS);
			// The account forgets nothing, but only the window is listed: drop what is far behind it, to keep the test fast.
			for (const id of account.calls.keys()) if (account.created.get(id)! < now - HORIZON_MS - OVERLAP_MS) account.calls.delete(id);
		}
		expect(trigger.fired.size).toBe(finished);
		expect([...trigger.fired.values()].every((times) => times === 1)).toBe(true);
		// The calls of the last ~25 minutes (the window, and those still going on) and the never-ending ones of the last 6 h (2 × 60 × 6 / 50 ≈ 15): not the day's 2880, not 6 h's 740.
		expect(largest).toBeLessThanOrEqual(2 * 25 + 16);
		// Each poll: the window (one page), and the never-ending calls from before it (up to 15), looked up or listed (up to 8 pages), whichever is fewer.
		expect(Math.max(...trigger.requests.slice(1))).toBeLessThanOrEqual(8);
		expect(n).toBe(minutes * 2);
	});

	test('a call whose created_date is unreadable ("None") neither freezes the window nor grows the state', () => {
		const account = new Account();
		account.listsUndated = true;
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add({ ...call('broken', T0, 'in_progress'), created_date: 'None' });
		let largest = 0;
		for (let minute = 1; minute <= 24 * 60; minute++) {
			const now = T0 + minute * MINUTE;
			account.add(call(minute, now - 30_000, 'completed'));
			trigger.poll(now);
			account.calls.delete(`call-${minute - 20}`);
			largest = Math.max(largest, trigger.size);
		}
		const end = T0 + 24 * HOUR;
		// The window follows the newest call, not activation; the state holds the last ~11 minutes' calls and the broken one.
		expect(trigger.since).toBeGreaterThan(end - 2 * OVERLAP_MS);
		expect(largest).toBeLessThanOrEqual(OVERLAP_MS / MINUTE + 3);
		// Awaited until MAX_WAIT after it was first seen, then given up; kept while listed.
		expect(trigger.state.calls!['call-broken']).toEqual({ c: null, t: T0 + MINUTE, d: 2 });
		expect(trigger.fired.size).toBe(24 * 60);

		// Once Diga no longer lists it, it is kept for HORIZON after it was first seen, then forgotten.
		account.calls.delete('call-broken');
		trigger.poll(end + MINUTE);
		expect(trigger.state.calls!['call-broken']).toBeUndefined();
	});

	test('a call with an unreadable date is looked up by id while awaited, fires once when it finishes, and is not waited for beyond MAX_WAIT', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		const broken = account.add({ ...call('broken', T0, 'in_progress'), created_date: 'None' });
		// Listed once (as Diga might, by id here: a webhook's delivery or a listing), then looked up until it ends.
		expect(observe(trigger.state, KEY, 'callFinished', [broken], T0 + MINUTE).fired).toEqual([]);
		trigger.state = observe(trigger.state, KEY, 'callFinished', [broken], T0 + MINUTE).state;
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual([]);
		expect(trigger.plans.at(-1)!.lookUp).toEqual(['call-broken']);
		account.set(broken.id, 'completed');
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual(['call-broken']);
		expect(trigger.poll(T0 + 4 * MINUTE)).toEqual([]);
		expect(trigger.plans.at(-1)!.lookUp).toEqual([]);

		const stuck = account.add({ ...call('stuck', T0, 'in_progress'), id: 'call-stuck', created_date: '' });
		trigger.state = observe(trigger.state, KEY, 'callFinished', [stuck], T0 + 5 * MINUTE).state;
		trigger.poll(T0 + 5 * MINUTE + MAX_WAIT_MS + 1);
		account.set(stuck.id, 'completed');
		expect(trigger.poll(T0 + 6 * MINUTE + MAX_WAIT_MS)).toEqual([]);
	});

	test('a call Diga lists below the start asked for (a clock or zone that differs) fires once and is kept while listed', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call(1, T0 + MINUTE, 'completed'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-1']);
		const late = call(2, T0 - 3 * HOUR, 'completed');
		const listed = [...account.calls.values(), late];
		const plan = planPoll(trigger.state, KEY, 'callFinished', T0 + 3 * MINUTE);
		const first = observe(trigger.state, KEY, 'callFinished', listed, T0 + 3 * MINUTE, { listedSince: plan.listSince });
		expect(first.fired.map((c) => c.id)).toEqual([late.id]);
		const second = observe(first.state, KEY, 'callFinished', listed, T0 + 4 * MINUTE, { listedSince: plan.listSince });
		expect(second.fired).toEqual([]);
		expect(Object.keys(second.state.calls!)).toContain(late.id);
	});

	test('a call created 5 minutes before the last poll and listed only now (Diga lists it late) fires once', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call(1, T0 + 4 * MINUTE, 'completed'));
		expect(trigger.poll(T0 + 5 * MINUTE)).toEqual(['call-1']);
		account.add(call('late', T0, 'completed'));
		expect(trigger.poll(T0 + 6 * MINUTE)).toEqual(['call-late']);
		expect(trigger.poll(T0 + 7 * MINUTE)).toEqual([]);
	});

	test('a poll is pure: the state it was given is left as it was', () => {
		const state: WatchState = { v: 2, key: KEY, since: new Date(T0).toISOString(), calls: { 'call-1': { c: T0 } } };
		const before = structuredClone(state);
		observe(state, KEY, 'callFinished', [call(1, T0, 'completed'), call(2, T0, 'completed')], T0 + MINUTE, { listedSince: state.since });
		planPoll(state, KEY, 'callFinished', T0 + MINUTE);
		expect(state).toEqual(before);
	});
});

describe('Call Finished from activation on', () => {
	test('calls dialing, queued or in progress at activation and created within MAX_WAIT fire once when they finish; calls finished at activation never fire', () => {
		const account = new Account();
		const activation = T0;
		account.add(call('done-before', activation - 30 * MINUTE, 'completed'));
		account.add(call('progress-2min', activation - 2 * MINUTE, 'in_progress'));
		account.add(call('queued-5h', activation - 5 * HOUR, 'in_queue'));
		account.add(call('dialing-1min', activation - MINUTE, 'dialing'));
		account.add(call('progress-7h', activation - 7 * HOUR, 'in_progress'));
		const trigger = new Trigger(account);

		expect(trigger.poll(activation)).toEqual([]);
		// The activation lists the last 10 minutes, and the calls going on back to the wait limit (plus the overlap).
		expect(trigger.plans[0]).toEqual({
			listSince: new Date(activation - OVERLAP_MS).toISOString(),
			unfinished: { since: new Date(activation - HORIZON_MS).toISOString(), statuses: ['dialing', 'in_queue', 'in_progress'] },
			lookUp: [],
			probe: true,
		});
		account.set('call-progress-2min', 'completed');
		account.set('call-done-before', 'completed');
		expect(trigger.poll(activation + 3 * MINUTE)).toEqual(['call-progress-2min']);
		account.set('call-queued-5h', 'completed');
		account.set('call-dialing-1min', 'no_answer');
		account.set('call-progress-7h', 'completed');
		// Oldest event first: neither has an end time here, so by creation.
		expect(trigger.poll(activation + 4 * MINUTE)).toEqual(['call-queued-5h', 'call-dialing-1min']);
		expect(trigger.poll(activation + 5 * MINUTE)).toEqual([]);
		expect([...trigger.fired.values()]).toEqual([1, 1, 1]);
	});

	test('New Call: nothing listed at activation fires, whatever its status; each later call fires once; the activation lists only the last 10 minutes', () => {
		const account = new Account();
		account.add(call('before', T0 - MINUTE, 'in_progress'));
		const trigger = new Trigger(account, 'newCall');
		expect(trigger.poll(T0)).toEqual([]);
		expect(trigger.plans[0]).toEqual({ listSince: new Date(T0 - OVERLAP_MS).toISOString(), lookUp: [], probe: true });
		account.set('call-before', 'completed');
		account.add(call('after', T0 + MINUTE, 'dialing'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-after']);
		account.set('call-after', 'completed');
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual([]);
	});
});

describe('finished means any status other than dialing, in_queue and in_progress', () => {
	test.each(['completed', 'failed', 'transferred', 'no_answer', 'voicemail_someday'])('a call that reaches %s fires Call Finished once', (status) => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call(1, T0 + MINUTE, 'in_progress'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual([]);
		account.set('call-1', status);
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual(['call-1']);
		expect(trigger.poll(T0 + 4 * MINUTE)).toEqual([]);
	});
});

describe('restart and reactivation: the same state continues, the catch-up reaches back at most HORIZON', () => {
	function offFor(pauseMs: number) {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call('before', T0 + MINUTE, 'completed'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-before']);
		const back = T0 + 2 * MINUTE + pauseMs;
		// While the workflow is off: calls created all through the pause, all finished by now; one still in progress.
		for (let at = T0 + 3 * MINUTE; at < back; at += 30 * MINUTE) account.add(call(`off-${at}`, at, 'completed'));
		account.add(call('running', back - MINUTE, 'in_progress'));
		return { account, trigger, back };
	}

	test('back after 2 hours (or n8n restarted after 2 hours): every call that finished meanwhile fires once, at the first poll', () => {
		const { account, trigger, back } = offFor(2 * HOUR);
		const fired = trigger.poll(back);
		expect(fired).toHaveLength(4);
		expect(fired.every((id) => id.startsWith('call-off-'))).toBe(true);
		account.set('call-running', 'completed');
		expect(trigger.poll(back + MINUTE)).toEqual(['call-running']);
		expect([...trigger.fired.values()].every((times) => times === 1)).toBe(true);
	});

	test('back after 3 days: only calls created within the last 6 h 10 min are caught up; the list reaches back no further', () => {
		const { trigger, back } = offFor(3 * 24 * HOUR);
		const fired = trigger.poll(back);
		expect(trigger.plans.at(-1)!.listSince).toBe(new Date(back - HORIZON_MS).toISOString());
		// The calls (one every 30 minutes) of the last 6 h 10 min: 12, not the pause's 144.
		expect(fired).toHaveLength(12);
		expect(fired.every((id) => Number(id.slice('call-off-'.length)) >= back - HORIZON_MS)).toBe(true);
		expect(trigger.size).toBeLessThanOrEqual(13);
	});
});
