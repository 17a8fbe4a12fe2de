import type { DigaCall } from '../../nodes/Diga/transport/types';
import type { CallEvent } from '../../nodes/Diga/trigger/events';
import type { PollState } from '../../nodes/Diga/trigger/pollState';
import { HORIZON_MS, listStart, MAX_WAIT_MS, nextPoll, OVERLAP_MS } from '../../nodes/Diga/trigger/pollState';
import { pythonTime, readTime } from '../../dev/diga-server/fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-09-01T00:00:00Z');
const KEY = 'k';
/** A call as Diga lists it; `created` is written as Python writes a naive `datetime` unless `zoned`. */
const call = (n: number | string, createdMs: number, status: string, zoned = false) =>
	({ id: `call-${n}`, created_date: pythonTime(createdMs, !zoned), status, end_time: null }) as unknown as DigaCall;

/** A Diga account with a clock: what `GET /v1/call/?start_created_date=…` would list (Diga reads naive times as UTC). */
class Account {
	calls = new Map<string, DigaCall>();
	/** Creation times (ms) by id, read once. */
	created = new Map<string, number>();
	listSince(since: string) {
		const from = readTime(since);
		return [...this.calls.values()].filter((c) => {
			const created = this.created.get(c.id)!;
			return Number.isNaN(created) || created >= from;
		});
	}
	add(c: DigaCall) {
		this.calls.set(c.id, c);
		this.created.set(c.id, readTime(c.created_date));
		return c;
	}
	set(id: string, status: string) {
		this.calls.set(id, { ...this.calls.get(id)!, status } as DigaCall);
	}
}

/** The trigger as n8n runs it: one poll at `now` over what the account lists from the poll's window. */
class Trigger {
	state: PollState = {};
	fired = new Map<string, number>();
	starts: string[] = [];
	constructor(
		private readonly account: Account,
		private readonly event: CallEvent = 'callFinished',
	) {}
	poll(now: number): string[] {
		const start = listStart(this.state, KEY, now);
		this.starts.push(start);
		const { state, fired } = nextPoll(this.state, KEY, this.event, this.account.listSince(start), now);
		this.state = state;
		for (const c of fired) this.fired.set(c.id, (this.fired.get(c.id) ?? 0) + 1);
		return fired.map((c) => c.id);
	}
	get size() {
		return Object.keys(this.state.calls ?? {}).length;
	}
}

describe('the trigger’s state over a long run (pure: a simulated clock, no HTTP)', () => {
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
			// The account forgets nothing, but only the window is listed: drop what is far behind it, to keep the test fast.
			for (const id of account.calls.keys()) if (account.created.get(id)! < now - HORIZON_MS - OVERLAP_MS) account.calls.delete(id);
		}
		expect(trigger.fired.size).toBe(finished);
		expect([...trigger.fired.values()].every((times) => times === 1)).toBe(true);
		// Bounded by the calls of MAX_WAIT plus the overlap (6 h 10 min × 2 a minute = 740), not by the day (2880 calls).
		expect(largest).toBeLessThanOrEqual((HORIZON_MS / MINUTE + 2) * 2);
		expect(n).toBe(minutes * 2);
	});

	test('finding 2: a call whose created_date is unreadable ("None") neither freezes the window nor grows the state', () => {
		const account = new Account();
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
		expect(readTime(trigger.state.since!)).toBeGreaterThan(end - 2 * OVERLAP_MS);
		expect(largest).toBeLessThanOrEqual(OVERLAP_MS / MINUTE + 3);
		expect(trigger.state.calls!['call-broken']).toEqual({ created: null, seen: new Date(T0 + MINUTE).toISOString(), done: true });
		expect(trigger.fired.size).toBe(24 * 60);

		// Once Diga no longer lists it, it is kept by id for HORIZON after it was first seen, then forgotten.
		account.calls.delete('call-broken');
		trigger.poll(end + MINUTE);
		expect(trigger.state.calls!['call-broken']).toBeUndefined();
	});

	test('a call with an unreadable date still fires once when it finishes, and is not waited for beyond MAX_WAIT', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		const broken = account.add({ ...call('broken', T0, 'in_progress'), created_date: 'None' });
		expect(trigger.poll(T0 + MINUTE)).toEqual([]);
		account.set(broken.id, 'completed');
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-broken']);
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual([]);

		const stuck = account.add({ ...call('stuck', T0, 'in_progress'), id: 'call-stuck', created_date: '' });
		trigger.poll(T0 + 4 * MINUTE);
		trigger.poll(T0 + 4 * MINUTE + MAX_WAIT_MS + 1);
		account.set(stuck.id, 'completed');
		expect(trigger.poll(T0 + 5 * MINUTE + MAX_WAIT_MS)).toEqual([]);
	});

	test('a call listed by the current poll is never dropped from the state, even when its date says it is behind the window', () => {
		const account = new Account();
		const trigger = new Trigger(account);
		trigger.poll(T0);
		account.add(call(1, T0 + MINUTE, 'completed'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-1']);
		// Diga lists a call whose created_date lies far behind the window (a clock or zone that differs): fired once, kept while listed.
		const late = account.add(call(2, T0 - 3 * HOUR, 'completed'));
		const listed = [...account.calls.values()];
		const first = nextPoll(trigger.state, KEY, 'callFinished', listed, T0 + 3 * MINUTE);
		expect(first.fired.map((c) => c.id)).toEqual([late.id]);
		const second = nextPoll(first.state, KEY, 'callFinished', listed, T0 + 4 * MINUTE);
		expect(second.fired).toEqual([]);
		expect(Object.keys(second.state.calls!)).toContain(late.id);
	});

	test('a poll is pure: the state it was given is left as it was', () => {
		const state: PollState = { key: KEY, since: new Date(T0).toISOString(), calls: { 'call-1': { created: new Date(T0).toISOString(), done: false } } };
		const before = structuredClone(state);
		nextPoll(state, KEY, 'callFinished', [call(1, T0, 'completed'), call(2, T0, 'completed')], T0 + MINUTE);
		expect(state).toEqual(before);
	});
});

describe('Call Finished from activation on (finding 3)', () => {
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
		// The activation poll lists back to the wait limit (plus the overlap).
		expect(trigger.starts[0]).toBe(new Date(activation - HORIZON_MS).toISOString());
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

	test('New Call is unchanged: nothing listed at activation fires, whatever its status; each later call fires once', () => {
		const account = new Account();
		account.add(call('before', T0 - MINUTE, 'in_progress'));
		const trigger = new Trigger(account, 'newCall');
		expect(trigger.poll(T0)).toEqual([]);
		account.set('call-before', 'completed');
		account.add(call('after', T0 + MINUTE, 'dialing'));
		expect(trigger.poll(T0 + 2 * MINUTE)).toEqual(['call-after']);
		account.set('call-after', 'completed');
		expect(trigger.poll(T0 + 3 * MINUTE)).toEqual([]);
	});
});

describe('finding 5: finished means any status other than dialing, in_queue and in_progress', () => {
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

describe('restart and reactivation (finding 4): the same state continues, the catch-up reaches back at most HORIZON', () => {
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
		expect(trigger.starts.at(-1)).toBe(new Date(back - HORIZON_MS).toISOString());
		// The calls (one every 30 minutes) of the last 6 h 10 min: 12, not the pause's 144.
		expect(fired).toHaveLength(12);
		expect(fired.every((id) => Number(id.slice('call-off-'.length)) >= back - HORIZON_MS)).toBe(true);
		expect(trigger.size).toBeLessThanOrEqual(13);
	});
});
