import type { DigaCall } from '../transport/types';
import type { CallEvent } from './events';
import { CALL_EVENTS } from './events';

/**
 * What the trigger remembers between polls, in the workflow's static data (plain JSON).
 *
 * Each poll lists the calls created since `since`. A call is remembered from the poll that
 * first lists it until the window has moved past its creation; `done` says its event has
 * fired (or it is history the trigger must not fire for). The window starts at the oldest call
 * still awaiting its event, or at the newest call seen, minus OVERLAP; so it holds only calls
 * whose event is pending or which could still be listed again, and the state stays small.
 */
export interface PollState {
	/** Which event and filters the state belongs to: a change starts afresh. */
	key?: string;
	/** ISO date-time: calls created before it are never listed again. */
	since?: string;
	calls?: Record<string, { created: string; done: boolean }>;
}

/** Re-read calls created this long before the window's start, for calls Diga lists late or clocks that differ. */
export const OVERLAP_MS = 10 * 60_000;

/** A call still not finished this long after it was created is no longer waited for, so the window cannot stay open forever. */
export const MAX_WAIT_MS = 6 * 60 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** First poll after activation (or after the event or filters changed): everything listed is history. */
export function startWatching(state: PollState, key: string, now: number): string {
	state.key = key;
	state.since = iso(now - OVERLAP_MS);
	state.calls = {};
	return state.since;
}

export function isWatching(state: PollState, key: string): boolean {
	return state.key === key && typeof state.since === 'string' && !!state.calls;
}

/** Remembers the calls listed at activation without firing for any of them. */
export function recordHistory(state: PollState, calls: DigaCall[]): void {
	for (const call of calls) state.calls![call.id] = { created: call.created_date, done: true };
}

/**
 * One poll: the calls listed since `state.since`, in any order. Returns the calls whose event
 * happened since the previous poll, each once, oldest event first; updates the state.
 */
export function advance(state: PollState, event: CallEvent, calls: DigaCall[], now: number): DigaCall[] {
	const definition = CALL_EVENTS[event];
	const known = state.calls!;
	const fired: DigaCall[] = [];
	for (const call of calls) {
		const entry = (known[call.id] ??= { created: call.created_date, done: false });
		if (!entry.done && definition.happened(call)) {
			entry.done = true;
			fired.push(call);
		}
	}

	// Calls that will never finish (or Diga never lists as completed) stop holding the window open.
	const entries = Object.entries(known).map(([id, entry]) => ({ id, entry, created: Date.parse(entry.created) }));
	for (const { entry, created } of entries) {
		if (!entry.done && created < now - MAX_WAIT_MS) entry.done = true;
	}

	if (entries.length > 0) {
		let newest = -Infinity;
		let oldestPending = Infinity;
		for (const { entry, created } of entries) {
			newest = Math.max(newest, created);
			if (!entry.done) oldestPending = Math.min(oldestPending, created);
		}
		const start = (oldestPending < Infinity ? oldestPending : newest) - OVERLAP_MS;
		if (start > Date.parse(state.since!)) state.since = iso(start);
	}
	const since = Date.parse(state.since!);
	for (const { id, created } of entries) {
		if (created < since) delete known[id];
	}
	// Written back at the top level: n8n tracks changes to static data (and so saves them) only
	// through objects that existed when the workflow was loaded, not inside ones made since.
	state.calls = known;

	return fired.sort(
		(a, b) => Date.parse(definition.time(a)) - Date.parse(definition.time(b)) || a.id.localeCompare(b.id),
	);
}
