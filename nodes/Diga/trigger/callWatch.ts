import { MAX_PAGE_SIZE } from '../transport/paginate';
import type { DigaCall } from '../transport/types';
import { parseDigaTime } from '../vocabulary/digaTime';
import type { CallEvent } from './events';
import { CALL_EVENTS, isFinished, UNFINISHED } from './events';
import type { KnownCall, WatchState } from './watchState';
import { HORIZON_MS, isAwaiting, loadWatch, MAX_AWAITED, MAX_KNOWN, MAX_WAIT_MS, OVERLAP_MS } from './watchState';

export { HORIZON_MS, MAX_AWAITED, MAX_KNOWN, MAX_WAIT_MS, OVERLAP_MS };

/**
 * The call-event state machine both Diga triggers share: pure functions over plain JSON kept in the
 * node's static data (watchState.ts). It decides what to ask Diga (`planPoll`) and what fires
 * (`observe`): each (call, event) once, in whatever order and however often a call is observed.
 *
 * The polling trigger, each poll: `planPoll` → list `GET /v1/call/?start_created_date=<listSince>`
 * (all pages; at the start also the calls still going on, one `status=` listing each, and `probe`), look each
 * `lookUp` id up by `GET /v1/call/{id}` (a 404 goes into `gone`) → `observe(…, { listedSince, gone })`
 * → write the state only if every request succeeded (readPlan in fetchCalls.ts does the requests).
 *
 * A webhook trigger: a delivery is a hint. One naming a call id → `GET /v1/call/{id}` →
 * `observe(state, key, event, [call], now)` (no `listedSince`: a single call moves no window; a 404
 * fires nothing). A delivery without a usable id, and the activation → a catch-up exactly as a poll
 * (`planPoll` + readPlan + `observe` with `listedSince`), which also fires what deliveries lost
 * since the last catch-up. Activation must run that catch-up so the calls going on are awaited and
 * older ones count as history. Concurrent executions: observe is pure, so re-read the static data,
 * observe, and write it back in one synchronous step after the awaits.
 *
 * The window (`since`): every call Diga lists created at or after it is in `calls`; older calls not
 * in `calls` are settled (fired, or history) and never fire. It follows the newest call listed less
 * OVERLAP (so Diga's own clock and calls Diga lists late are covered), and never moves past now
 * less OVERLAP, so one call dated ahead of now hides nothing created after it. Calls awaited from
 * before the window are looked up by id, or covered by listing from the oldest of them: whichever
 * planPoll estimates costs fewer requests.
 */

/** What a poll (or a webhook trigger's catch-up) asks Diga. */
export interface PollPlan {
	/** `start_created_date` of the listing of recent calls (all pages), ISO UTC. */
	listSince: string;
	/** At the start, for events that wait: also list the calls still going on, one `status=` listing each, created since `since`. */
	unfinished?: { since: string; statuses: readonly string[] };
	/** Awaited calls to look up by `GET /v1/call/{id}`; one that answers 404 goes into `observe`'s `gone`. */
	lookUp: string[];
	/**
	 * At the start: if the recent listing is empty, read the newest call (`limit=1`) and, if Diga's
	 * clock is behind (its newest call older than `listSince`), list again from `startBehind`.
	 */
	probe?: true;
}

/**
 * The start's second chance, when the recent listing was empty: the window starts at the newest
 * call's date less OVERLAP (Diga's clock behind ours, or a quiet account), never more than HORIZON
 * back. `relist`: the newest call lies inside that window, so list again from `since`; otherwise
 * nothing was created since then and the window moves back without a request. `undefined` when the
 * first listing stands. (Assumes Diga's default order, newest first, is by creation.)
 */
export function startBehind(plan: PollPlan, newest: DigaCall | undefined, now: number): { since: string; relist: boolean } | undefined {
	const created = parseDigaTime(newest?.created_date);
	if (created === undefined) return undefined;
	const start = Math.max(Math.min(created, now) - OVERLAP_MS, now - HORIZON_MS);
	return start < parseDigaTime(plan.listSince)! ? { since: iso(start), relist: created >= start } : undefined;
}

export interface Observation {
	/** The `start_created_date` of a complete listing among the calls (a poll or a catch-up): only this moves the window. */
	listedSince?: string;
	/** Ids that answered 404 to `GET /v1/call/{id}`: deleted in Diga, no longer awaited. */
	gone?: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const waitsForCalls = (event: CallEvent) => event !== 'newCall';
/** When a remembered call was created, or first seen when its date was unreadable. */
const ageOf = (entry: KnownCall) => entry.c ?? entry.t ?? -Infinity;

/** Calls created per ms, from the last complete listing (what the state holds of it): planPoll's estimate. */
function rateOf(calls: Record<string, KnownCall>, since: number, listed: number | undefined): number {
	if (listed === undefined || listed <= since) return 0;
	const count = Object.values(calls).filter((entry) => entry.c !== null && entry.c >= since && entry.c <= listed).length;
	return count / Math.max(listed - since, 60_000);
}

/** What to ask Diga on a poll at `now`: the fewest requests, by the state's estimate of the calls per page. */
export function planPoll(state: WatchState, key: string, event: CallEvent, now: number): PollPlan {
	const watch = loadWatch(state, key, now);
	if (watch.since === undefined) {
		const unfinished = waitsForCalls(event) ? { since: iso(now - HORIZON_MS), statuses: UNFINISHED } : undefined;
		return { listSince: iso(now - OVERLAP_MS), ...(unfinished ? { unfinished } : {}), lookUp: [], probe: true };
	}
	const recent = Math.max(watch.since, now - HORIZON_MS);
	const awaited = Object.entries(watch.calls).filter(([, entry]) => isAwaiting(entry) && ageOf(entry) >= now - MAX_WAIT_MS);
	// An undated call cannot be listed by date; one a covering listing missed may be deleted: both are looked up.
	const always = awaited.filter(([, entry]) => entry.c === null || entry.m === 1).map(([id]) => id);
	const older = awaited
		.filter(([id, entry]) => entry.c !== null && entry.c < recent && !always.includes(id))
		.sort(([, a], [, b]) => a.c! - b.c!);
	if (older.length === 0) return { listSince: iso(recent), lookUp: always };

	const perMs = rateOf(watch.calls, watch.since, watch.listed);
	const pages = (from: number) => Math.max(1, Math.ceil(((now - from) * perMs) / MAX_PAGE_SIZE));
	const oldest = Math.max(older[0][1].c!, now - HORIZON_MS);
	if (pages(oldest) < pages(recent) + older.length) return { listSince: iso(oldest), lookUp: always };
	return { listSince: iso(recent), lookUp: [...older.map(([id]) => id), ...always] };
}

/** Records a call first met at the start (history): nothing fires for what already happened. */
function record(event: CallEvent, entry: KnownCall, call: DigaCall): void {
	if (event === 'statusChanged') entry.s = [call.status];
	if (event === 'newCall' || isFinished(call)) entry.d = 1;
}

/** Advances a remembered call to how Diga shows it now; true when its event fires. */
function advance(event: CallEvent, entry: KnownCall, call: DigaCall, isNew: boolean): boolean {
	delete entry.m;
	if (entry.d === 2) return false;
	const finished = isFinished(call);
	if (event === 'newCall') {
		entry.d = 1;
		return isNew;
	}
	if (event === 'callFinished') {
		if (entry.d === 1 || !finished) return false;
		entry.d = 1;
		return true;
	}
	// Status Changed: a copy older than one already seen ended (a stale answer) changes nothing.
	const statuses = entry.s ?? [];
	if ((entry.d === 1 && !finished) || statuses.includes(call.status)) return false;
	entry.s = [...statuses, call.status];
	if (finished) entry.d = 1;
	return true;
}

/**
 * One observation of calls as Diga shows them now: a poll's listings and look-ups, or the call a
 * webhook delivery named. Pure: `state` is left as it was. Returns the next state and the calls
 * whose event happened, each (call, event) once, oldest event first.
 *
 * The start (no state for this key yet) with a listing fires nothing: what already happened is
 * history, the calls going on are awaited. Without a listing (a webhook delivery), it fires.
 */
export function observe(state: WatchState, key: string, event: CallEvent, calls: DigaCall[], now: number, observation: Observation = {}): { state: WatchState; fired: DigaCall[] } {
	const watch = loadWatch(state, key, now);
	const known = watch.calls;
	const listing = parseDigaTime(observation.listedSince);
	const starting = watch.since === undefined;
	const fired: DigaCall[] = [];
	const seen = new Set<string>();
	for (const call of calls) {
		if (typeof call?.id !== 'string') continue;
		const created = parseDigaTime(call.created_date);
		let entry = known[call.id];
		const isNew = !entry;
		if (!entry) {
			// Older than the window and not remembered: fired or history already (unless Diga listed it below the start asked for).
			if (!starting && created !== undefined && created < watch.since! && (listing === undefined || created >= listing)) continue;
			entry = known[call.id] = created === undefined ? { c: null, t: now } : { c: created };
			if (starting && listing !== undefined) {
				record(event, entry, call);
				seen.add(call.id);
				continue;
			}
		}
		seen.add(call.id);
		if (advance(event, entry, call, isNew)) fired.push(call);
	}

	for (const id of observation.gone ?? []) if (known[id] && isAwaiting(known[id])) known[id].d = 2;
	const awaiting = Object.values(known).filter(isAwaiting).sort((a, b) => ageOf(a) - ageOf(b));
	awaiting.forEach((entry, index) => {
		// Too old to wait for, or beyond the most the state holds (the oldest go first).
		if (ageOf(entry) < now - MAX_WAIT_MS || index < awaiting.length - MAX_AWAITED) entry.d = 2;
	});

	let since = watch.since;
	if (listing !== undefined) {
		let newest = -Infinity;
		for (const [id, entry] of Object.entries(known)) {
			if (entry.c === null) continue;
			newest = Math.max(newest, Math.min(entry.c, now));
			// An awaited call the listing should have shown but did not: perhaps deleted; the next poll looks it up.
			if (isAwaiting(entry) && entry.c >= listing && entry.c <= now && !seen.has(id)) entry.m = 1;
		}
		const next = Math.min(Math.max(listing, newest - OVERLAP_MS, now - HORIZON_MS), now - OVERLAP_MS);
		// Never backwards (a clock set back): calls behind a window once passed are settled.
		since = Math.max(since ?? -Infinity, next);
	}

	const floor = since ?? now - HORIZON_MS;
	for (const [id, entry] of Object.entries(known)) {
		if (isAwaiting(entry)) continue;
		// A call Diga listed below the start asked for stays while listed: if it is listed again, it is recognised.
		if (entry.c !== null ? entry.c < floor && !(seen.has(id) && listing !== undefined && entry.c < listing) : (entry.t ?? -Infinity) < now - HORIZON_MS && !seen.has(id)) delete known[id];
	}
	const surplus = Object.keys(known).length - MAX_KNOWN;
	if (surplus > 0) {
		const settled = Object.entries(known)
			.filter(([, entry]) => !isAwaiting(entry) && entry.c !== null && entry.c < now - OVERLAP_MS)
			.sort(([, a], [, b]) => a.c! - b.c!)
			.slice(0, surplus);
		for (const [id, entry] of settled) {
			delete known[id];
			if (since !== undefined) since = Math.max(since, entry.c! + 1);
		}
	}

	const definition = CALL_EVENTS[event];
	const at = (call: DigaCall) => definition.time(call) ?? now;
	fired.sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
	const listed = listing !== undefined ? now : watch.listed;
	return {
		state: { v: 2, key, ...(since !== undefined ? { since: iso(since) } : {}), ...(listed !== undefined ? { listed: iso(listed) } : {}), calls: known },
		fired,
	};
}
