import type { DigaCall } from '../../nodes/Diga/transport/types';
import type { PollState } from '../../nodes/Diga/trigger/pollState';
import { advance, MAX_WAIT_MS, OVERLAP_MS, recordHistory, startWatching } from '../../nodes/Diga/trigger/pollState';

const MINUTE = 60_000;
const T0 = Date.parse('2026-09-01T00:00:00Z');
const call = (n: number, createdMs: number, status: DigaCall['status']) =>
	({ id: `call-${n}`, created_date: new Date(createdMs).toISOString(), status, end_time: null }) as unknown as DigaCall;

/** A Diga account with a clock: what `GET /v1/call/?start_created_date=…` would list. */
class Account {
	calls = new Map<string, DigaCall>();
	listSince(since: string) {
		return [...this.calls.values()].filter((c) => Date.parse(c.created_date) >= Date.parse(since));
	}
}

describe('the trigger’s state over a long run (pure: a simulated clock, no HTTP)', () => {
	test('a day of polls every minute, 2 calls a minute, 1 in 50 never finishing: every finished call fires once, the state stays small', () => {
		const account = new Account();
		const state: PollState = {};
		startWatching(state, 'k', T0);
		recordHistory(state, []);
		const fired = new Map<string, number>();
		let finished = 0;
		let largest = 0;
		let n = 0;
		const minutes = 24 * 60;
		for (let minute = 1; minute <= minutes; minute++) {
			const now = T0 + minute * MINUTE;
			for (let k = 0; k < 2; k++) {
				n++;
				account.calls.set(`call-${n}`, call(n, now - 30_000, 'in_progress'));
			}
			// Calls last 1 to 15 minutes; every 50th never ends.
			for (const c of account.calls.values()) {
				const number = Number(c.id.slice(5));
				const age = (now - Date.parse(c.created_date)) / MINUTE;
				if (c.status !== 'completed' && number % 50 !== 0 && age >= (number % 15) + 1) {
					account.calls.set(c.id, { ...c, status: 'completed' });
					finished++;
				}
			}
			for (const c of advance(state, 'callFinished', account.listSince(state.since!), now)) {
				fired.set(c.id, (fired.get(c.id) ?? 0) + 1);
			}
			largest = Math.max(largest, Object.keys(state.calls!).length);
			// The account forgets nothing, but only the window is listed: drop what is far behind it, to keep the test fast.
			for (const [id, c] of account.calls) if (Date.parse(c.created_date) < now - MAX_WAIT_MS - 2 * OVERLAP_MS) account.calls.delete(id);
		}
		expect(fired.size).toBe(finished);
		expect([...fired.values()].every((times) => times === 1)).toBe(true);
		// Bounded by the calls of MAX_WAIT plus the overlap (6 h 10 min × 2 a minute = 740), not by the day (2880 calls).
		expect(largest).toBeLessThanOrEqual(((MAX_WAIT_MS + OVERLAP_MS) / MINUTE + 2) * 2);
		expect(n).toBe(minutes * 2);
	});

	test('a call still open after MAX_WAIT stops holding the window open and never fires', () => {
		const state: PollState = {};
		startWatching(state, 'k', T0);
		const stuck = call(1, T0 + MINUTE, 'in_progress');
		advance(state, 'callFinished', [stuck], T0 + 2 * MINUTE);
		expect(state.since).toBe(new Date(T0 + MINUTE - OVERLAP_MS).toISOString());
		advance(state, 'callFinished', [stuck], T0 + MINUTE + MAX_WAIT_MS + 1);
		expect(state.calls!['call-1']).toEqual({ created: stuck.created_date, done: true });
		expect(advance(state, 'callFinished', [{ ...stuck, status: 'completed' }], T0 + MAX_WAIT_MS + 3 * MINUTE)).toEqual([]);
	});

	test('the window never moves back, and history never fires', () => {
		const state: PollState = {};
		startWatching(state, 'k', T0);
		recordHistory(state, [call(1, T0 - MINUTE, 'in_progress')]);
		const since = state.since;
		expect(advance(state, 'newCall', [call(1, T0 - MINUTE, 'completed')], T0 + MINUTE)).toEqual([]);
		expect(advance(state, 'callFinished', [call(1, T0 - MINUTE, 'completed')], T0 + MINUTE)).toEqual([]);
		expect(Date.parse(state.since!)).toBeGreaterThanOrEqual(Date.parse(since!));
	});
});
