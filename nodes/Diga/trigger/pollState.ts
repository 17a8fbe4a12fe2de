import { parseDigaTime } from '../vocabulary/digaTime';
import type { DigaCall } from '../transport/types';
import type { CallEvent } from './events';
import { CALL_EVENTS } from './events';

/**
 * What the trigger remembers between polls, in the workflow's static data (small plain JSON).
 *
 * Each poll lists the calls created since `since`. A call is remembered from the poll that first
 * lists it until the window has moved past its creation and a poll no longer lists it; `done` says
 * its event has fired (or had happened before activation, so never fires). The window starts at the
 * oldest call still awaiting its event, or at the newest call seen, minus OVERLAP, and never further
 * back than HORIZON: so the state holds only calls whose event is pending or which could still be
 * listed again.
 */
export interface PollState {
	/** Which event and filters the state belongs to: a change starts afresh. */
	key?: string;
	/** ISO date-time (UTC): calls created before it are not listed again. */
	since?: string;
	calls?: Record<string, CallEntry>;
}

export interface CallEntry {
	/** When Diga created the call (ISO, UTC), or `null` when its `created_date` was unreadable. */
	created: string | null;
	/** For an unreadable `created_date`: when a poll first listed the call (ISO), which bounds how long it is kept. */
	seen?: string;
	done: boolean;
}

/** Re-read calls created this long before the window's start, for calls Diga lists late or clocks that differ. */
export const OVERLAP_MS = 10 * 60_000;

/** A call still not finished this long after it was created is no longer waited for, so the window cannot stay open forever. */
export const MAX_WAIT_MS = 6 * 60 * 60_000;

/** The furthest back a poll lists: the activation poll, and the catch-up after the workflow was off, reach this far. */
export const HORIZON_MS = MAX_WAIT_MS + OVERLAP_MS;

const iso = (ms: number) => new Date(ms).toISOString();

export function isWatching(state: PollState, key: string): boolean {
	return state.key === key && parseDigaTime(state.since) !== undefined && !!state.calls && typeof state.calls === 'object';
}

/** The `start_created_date` of this poll: the state's window, at most HORIZON back (all of it on activation). */
export function listStart(state: PollState, key: string, now: number): string {
	const floor = now - HORIZON_MS;
	return iso(isWatching(state, key) ? Math.max(parseDigaTime(state.since)!, floor) : floor);
}

/**
 * One poll over the calls `GET /v1/call/?start_created_date=<listStart>` returned, in any order.
 * Pure: `previous` is left as it was. Returns the next state and the calls whose event happened
 * since the previous poll, each once, oldest event first.
 *
 * The first poll (activation, or the event or filters changed) fires nothing: a call whose event
 * has already happened is history; one whose event is still to come (Call Finished: a call dialing,
 * queued or in progress) is remembered and fires when it happens.
 */
export function nextPoll(previous: PollState, key: string, event: CallEvent, calls: DigaCall[], now: number): { state: PollState; fired: DigaCall[] } {
	const definition = CALL_EVENTS[event];
	const activation = !isWatching(previous, key);
	const known: Record<string, CallEntry> = {};
	if (!activation) for (const [id, entry] of Object.entries(previous.calls!)) known[id] = { ...entry };

	const fired: DigaCall[] = [];
	const listed = new Set<string>();
	for (const call of calls) {
		listed.add(call.id);
		let entry = known[call.id];
		if (!entry) {
			const created = parseDigaTime(call.created_date);
			entry = known[call.id] = created === undefined ? { created: null, seen: iso(now), done: false } : { created: iso(created), done: false };
			if (activation) {
				entry.done = definition.happened(call);
				continue;
			}
		}
		if (!entry.done && definition.happened(call)) {
			entry.done = true;
			fired.push(call);
		}
	}

	// Each remembered call's creation (ms), read once; `undefined` when Diga's date was unreadable.
	const entries = Object.entries(known).map(([id, entry]) => ({ id, entry, created: parseDigaTime(entry.created) }));
	// Calls that never finish (or that Diga never shows finished) stop holding the window open.
	for (const { entry, created } of entries) {
		if (!entry.done && (created ?? parseDigaTime(entry.seen) ?? -Infinity) < now - MAX_WAIT_MS) entry.done = true;
	}

	let since = parseDigaTime(listStart(previous, key, now))!;
	let newest = -Infinity;
	let oldestPending = Infinity;
	for (const { entry, created } of entries) {
		if (created === undefined) continue;
		newest = Math.max(newest, created);
		if (!entry.done) oldestPending = Math.min(oldestPending, created);
	}
	if (newest > -Infinity) since = Math.max(since, (oldestPending < Infinity ? oldestPending : newest) - OVERLAP_MS);

	// A call this poll listed stays, whatever its date says: if Diga lists it again, it is recognised.
	for (const { id, entry, created } of entries) {
		if (listed.has(id)) continue;
		const expired = created !== undefined ? created < since : (parseDigaTime(entry.seen) ?? -Infinity) < now - HORIZON_MS;
		if (expired) delete known[id];
	}

	const at = (call: DigaCall) => definition.time(call) ?? now;
	fired.sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
	return { state: { key, since: iso(since), calls: known }, fired };
}
