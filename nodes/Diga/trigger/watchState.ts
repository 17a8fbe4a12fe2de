import { parseDigaTime } from '../vocabulary/digaTime';

/** Re-read calls created this long before the window's start, for calls Diga lists late or clocks that differ. */
export const OVERLAP_MS = 10 * 60_000;
/** A call still not finished this long after it was created is no longer waited for. */
export const MAX_WAIT_MS = 6 * 60 * 60_000;
/** The furthest back a poll lists: the calls going on at the start, and the catch-up after the workflow was off. */
export const HORIZON_MS = MAX_WAIT_MS + OVERLAP_MS;
/** At most this many calls are awaited; beyond it the oldest are given up, so the state stays bounded. */
export const MAX_AWAITED = 1000;
/** At most this many calls are remembered (plus the last OVERLAP's); beyond it the oldest settled ones are forgotten and the window moves past them. */
export const MAX_KNOWN = 2000;

/**
 * What a Diga trigger remembers, in the node's static data: small plain JSON (n8n clones and
 * compares it, and saves it in the workflow's row). Written by callWatch.ts only.
 */
export interface WatchState {
	/** The shape's version: 2. Static data without it is the polling trigger's first shape (LegacyPollState), read by loadWatch. */
	v?: 2;
	/** Which event and filters the state belongs to: a change starts afresh. */
	key?: string;
	/** The window's start (ISO, UTC): every call Diga lists created since then is in `calls`. Absent: not started. */
	since?: string;
	/** When the last complete listing was read (ISO): with `since`, planPoll's estimate of calls per page. */
	listed?: string;
	/** The calls remembered, by id: those created since `since`, those awaited, and undated ones seen lately. */
	calls?: Record<string, KnownCall>;
}

/** One remembered call, in short keys: a busy account keeps a few hundred of them. */
export interface KnownCall {
	/** When Diga created it (ms since the epoch), or `null` when its `created_date` was unreadable. */
	c: number | null;
	/** 1: done (its event happened, or had at the start; for Status Changed: it ended). 2: given up (deleted, or waited for too long). Absent: awaited. */
	d?: 1 | 2;
	/** Status Changed: the statuses already fired (or seen at the start). */
	s?: string[];
	/** For an undated call: when it was first seen (ms), which bounds how long it is kept. */
	t?: number;
	/** 1: a listing that covered its creation did not show it (deleted?): the next poll looks it up. */
	m?: 1;
}

/** The polling trigger's static data before version 2 (0.x): migrated on the first poll after the upgrade. */
export interface LegacyPollState {
	key?: string;
	since?: string;
	calls?: Record<string, { created: string | null; seen?: string; done: boolean }>;
}

/** The state read for use: the window (`since` in ms, undefined when not started) and a copy of its calls. */
export interface Watch {
	since?: number;
	listed?: number;
	calls: Record<string, KnownCall>;
}

export const isAwaiting = (entry: KnownCall): boolean => entry.d === undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** The legacy entries in the current shape: what had fired stays done, what was awaited stays awaited. */
function migrate(calls: LegacyPollState['calls'] & object): Record<string, KnownCall> {
	const known: Record<string, KnownCall> = {};
	for (const [id, old] of Object.entries(calls)) {
		if (!isRecord(old)) continue;
		const created = parseDigaTime(old.created) ?? null;
		known[id] = { c: created, ...(old.done ? { d: 1 as const } : {}), ...(created === null ? { t: parseDigaTime(old.seen) ?? 0 } : {}) };
	}
	return known;
}

/**
 * The state for `key`, as a private copy, migrating the legacy shape: its window is kept as it was
 * (it listed every call since then), but never past now less the overlap; the first poll after the
 * upgrade reads it once, later polls only what changed. A current-shape window ahead of now (an n8n
 * clock that ran ahead) is brought back to now less the overlap.
 */
export function loadWatch(stored: WatchState | LegacyPollState, key: string, now: number): Watch {
	if (stored.key !== key || !isRecord(stored.calls)) return { calls: {} };
	const since = parseDigaTime(stored.since);
	if ((stored as WatchState).v === 2) {
		const calls: Record<string, KnownCall> = {};
		for (const [id, entry] of Object.entries(stored.calls as Record<string, KnownCall>)) {
			if (isRecord(entry)) calls[id] = { ...entry, ...(entry.s ? { s: [...entry.s] } : {}) };
		}
		// A window ahead of now was written by a clock that ran ahead (observe keeps it ≤ its now − OVERLAP): brought back, or
		// every call created until that time is lost. A window merely ahead of now − OVERLAP (a clock set back a little) stays.
		return { since: since !== undefined && since > now ? now - OVERLAP_MS : since, listed: parseDigaTime((stored as WatchState).listed), calls };
	}
	if (since === undefined) return { calls: {} };
	return { since: Math.min(since, now - OVERLAP_MS), calls: migrate(stored.calls as LegacyPollState['calls'] & object) };
}
