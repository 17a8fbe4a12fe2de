/** A simulated Diga account and the polling trigger over the state machine, for the pure story tests (no HTTP). */
import type { DigaCall } from '../../nodes/Diga/transport/types';
import type { CallEvent } from '../../nodes/Diga/trigger/events';
import type { PollPlan } from '../../nodes/Diga/trigger/callWatch';
import { observe, planPoll, startBehind } from '../../nodes/Diga/trigger/callWatch';
import type { WatchState } from '../../nodes/Diga/trigger/watchState';
import { pythonTime, readTime } from '../../dev/diga-server/fixtures';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const T0 = Date.parse('2026-09-01T00:00:00Z');
export const KEY = 'k';
/** A call as Diga lists it; `created` is written as Python writes a naive `datetime` unless `zoned`. */
export const call = (n: number | string, createdMs: number, status: string, zoned = false) =>
	({ id: `call-${n}`, created_date: pythonTime(createdMs, !zoned), status, end_time: null }) as unknown as DigaCall;

/** A Diga account with a clock: what `GET /v1/call/` lists (Diga reads naive times as UTC) and `GET /v1/call/{id}` answers. */
export class Account {
	calls = new Map<string, DigaCall>();
	/** Creation times (ms) by id, read once. */
	created = new Map<string, number>();
	/** Whether a listing by date shows calls whose date is unreadable (the test server does not). */
	listsUndated = false;
	list(since: string, status?: string) {
		const from = readTime(since);
		return [...this.calls.values()].filter((c) => {
			const created = this.created.get(c.id)!;
			return (!status || c.status === status) && (Number.isNaN(created) ? this.listsUndated : created >= from);
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

/** Requests a listing of `n` calls takes, 100 a page. */
export const pages = (n: number) => Math.max(1, Math.ceil(n / 100));

/** The polling trigger over the state machine: one poll at `now` runs planPoll's plan against the account. */
export class Trigger {
	state: WatchState = {};
	fired = new Map<string, number>();
	plans: PollPlan[] = [];
	/** Requests each poll made. */
	requests: number[] = [];
	constructor(
		private readonly account: Account,
		private readonly event: CallEvent = 'callFinished',
	) {}
	poll(now: number): string[] {
		const plan = planPoll(this.state, KEY, this.event, now);
		this.plans.push(plan);
		let listedSince = plan.listSince;
		let calls = this.account.list(listedSince);
		let requests = pages(calls.length);
		if (plan.probe && calls.length === 0) {
			const newest = [...this.account.calls.values()].sort((a, b) => this.account.created.get(b.id)! - this.account.created.get(a.id)!)[0];
			const behind = startBehind(plan, newest, now);
			requests++;
			if (behind !== undefined) {
				listedSince = behind.since;
				if (behind.relist) {
					calls = this.account.list(listedSince);
					requests += pages(calls.length);
				}
			}
		}
		for (const status of plan.unfinished?.statuses ?? []) {
			const listed = this.account.list(plan.unfinished!.since, status);
			requests += pages(listed.length);
			calls.push(...listed);
		}
		const gone: string[] = [];
		for (const id of plan.lookUp) {
			requests++;
			const found = this.account.calls.get(id);
			if (found) calls.push(found);
			else gone.push(id);
		}
		this.requests.push(requests);
		const { state, fired } = observe(this.state, KEY, this.event, calls, now, { listedSince, gone });
		// Through JSON, as n8n stores it.
		this.state = JSON.parse(JSON.stringify(state)) as WatchState;
		for (const c of fired) this.fired.set(c.id, (this.fired.get(c.id) ?? 0) + 1);
		return fired.map((c) => c.id);
	}
	get size() {
		return Object.keys(this.state.calls ?? {}).length;
	}
	get bytes() {
		return JSON.stringify(this.state).length;
	}
	get since() {
		return readTime(this.state.since!);
	}
}

