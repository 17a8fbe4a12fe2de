import { parseDigaTime } from '../vocabulary/digaTime';
import type { DigaCall } from '../transport/types';
import { isFinished } from './events';

/**
 * What the Diga Webhook Trigger remembers between deliveries, in the node's static data (small
 * plain JSON, bounded in size and age). Pure functions: the caller writes the result back.
 *
 * A delivery is a hint that a call changed: the node looks the call up and `observe` decides, from
 * the call as Diga shows it NOW and what was seen of it before, which events happened. So the order
 * of deliveries does not matter (a late one finds nothing new), a repeated one finds nothing new,
 * and a lost one is made up by the call's next delivery or by a catch-up (`catchUpStart`).
 */
export type WebhookEvent = 'callFinished' | 'newCall' | 'statusChanged';

export interface CallMemory {
	/** Diga's `created_date` (ms), `null` when unreadable. */
	c: number | null;
	/** Diga's `end_time` (ms), once ended. */
	e?: number;
	/** Every status the node has seen the call in. */
	s: string[];
	/** When the node last saw the call (ms), which bounds how long it is kept. */
	a: number;
}

export interface DeliveryState {
	/** Which event and filters the state belongs to: a change starts afresh. */
	key?: string;
	/**
	 * Calls the node does not remember that were created at or before it (ms) are history: no New
	 * Call; a Status Changed / Call Finished fires for them only if they ended after it. Set at
	 * activation, moved forward when a remembered call is forgotten.
	 */
	floor?: number;
	calls?: Record<string, CallMemory>;
	/** When the last catch-up listed the calls (ms). */
	caughtUpAt?: number;
	/** Look-ups of the last minute (ms each), to bound what a flood of forged deliveries can cause. */
	lookups?: number[];
	/** A delivery was turned away by the rate bound: the next allowed one catches up. */
	catchUpDue?: boolean;
}

/** A call not seen for this long is forgotten (its repeats, if any, meet the floor). */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** At most this many calls are remembered; the oldest are forgotten first, moving the floor. */
export const MAX_REMEMBERED = 300;
/** Per minute: single-call look-ups a workflow makes for deliveries; beyond, deliveries turn into catch-ups. */
export const LOOKUPS_PER_MINUTE = 120;
/** At most one catch-up (a list of calls) per this many ms. */
export const CATCH_UP_INTERVAL_MS = 30_000;
/** A catch-up re-reads calls created this long before where it starts (calls Diga lists late, clocks). */
export const CATCH_UP_OVERLAP_MS = 10 * 60_000;
/** A catch-up never lists further back than this (as the polling trigger's window). */
export const CATCH_UP_HORIZON_MS = 6 * 60 * 60_000 + CATCH_UP_OVERLAP_MS;

const isFinishedStatus = (status: string) => isFinished({ status } as DigaCall);

/** The state to work on: the saved one, or a fresh one (activation, or the event or filters changed). */
export function currentState(saved: DeliveryState, key: string, now: number): Required<Pick<DeliveryState, 'key' | 'floor' | 'calls'>> & DeliveryState {
	if (saved.key === key && typeof saved.floor === 'number' && saved.calls && typeof saved.calls === 'object') {
		return { ...saved, key, floor: saved.floor, calls: { ...saved.calls }, lookups: [...(saved.lookups ?? [])] };
	}
	return { key, floor: now, calls: {}, lookups: [] };
}

/**
 * The calls as Diga shows them now (one looked up, or a catch-up's list): which events happened
 * since the node last saw each, once per (call, event). Returns the next state and, per event, the
 * calls that had it, oldest first.
 */
export function observe(saved: DeliveryState, key: string, calls: DigaCall[], now: number) {
	const state = currentState(saved, key, now);
	const fired: Record<WebhookEvent, DigaCall[]> = { callFinished: [], newCall: [], statusChanged: [] };
	for (const call of calls) {
		const created = parseDigaTime(call.created_date) ?? null;
		const ended = isFinished(call) ? parseDigaTime(call.end_time) ?? created ?? undefined : undefined;
		const memory = state.calls[call.id];
		if (!memory) {
			const isNew = created !== null && created > state.floor;
			const endedSince = ended !== undefined && ended > state.floor;
			if (isNew) fired.newCall.push(call);
			if (isNew || endedSince) fired.statusChanged.push(call);
			if (isFinished(call) && (isNew || endedSince)) fired.callFinished.push(call);
			state.calls[call.id] = { c: created, ...(ended !== undefined ? { e: ended } : {}), s: [call.status], a: now };
			continue;
		}
		const next: CallMemory = { ...memory, s: [...memory.s], a: now };
		if (!next.s.includes(call.status)) {
			fired.statusChanged.push(call);
			if (isFinished(call) && !next.s.some(isFinishedStatus)) fired.callFinished.push(call);
			next.s.push(call.status);
		}
		if (ended !== undefined) next.e = ended;
		state.calls[call.id] = next;
	}
	forget(state, now);
	const at = (call: DigaCall) => parseDigaTime(call.end_time) ?? parseDigaTime(call.created_date) ?? now;
	for (const list of Object.values(fired)) list.sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
	return { state, fired };
}

/** Forgets calls not seen for a day, then the oldest beyond MAX_REMEMBERED; the floor passes what it forgot. */
function forget(state: ReturnType<typeof currentState>, now: number): void {
	const entries = Object.entries(state.calls).sort(([, a], [, b]) => (a.e ?? a.c ?? a.a) - (b.e ?? b.c ?? b.a));
	const excess = Math.max(0, entries.length - MAX_REMEMBERED);
	entries.forEach(([id, memory], index) => {
		if (index >= excess && memory.a >= now - FORGET_AFTER_MS) return;
		delete state.calls[id];
		state.floor = Math.max(state.floor, memory.e ?? memory.c ?? memory.a);
	});
}

/** Whether a look-up for one delivery fits the rate bound now; if it does, it is counted. */
export function admitLookup(state: DeliveryState, now: number): boolean {
	const recent = (state.lookups ?? []).filter((at) => at > now - 60_000);
	const admitted = recent.length < LOOKUPS_PER_MINUTE;
	if (admitted) recent.push(now);
	state.lookups = recent;
	return admitted;
}

export function mayCatchUp(state: DeliveryState, now: number): boolean {
	return state.caughtUpAt === undefined || state.caughtUpAt <= now - CATCH_UP_INTERVAL_MS || state.caughtUpAt > now;
}

/**
 * Where a catch-up's list starts (ms): the last catch-up or the floor, or a remembered call still
 * going on if older, less the overlap, never more than the horizon back.
 */
export function catchUpStart(state: ReturnType<typeof currentState>, now: number): number {
	let start = Math.max(state.caughtUpAt ?? state.floor, state.floor);
	for (const memory of Object.values(state.calls)) {
		if (memory.c !== null && !memory.s.some(isFinishedStatus)) start = Math.min(start, memory.c);
	}
	return Math.max(now - CATCH_UP_HORIZON_MS, start - CATCH_UP_OVERLAP_MS);
}
