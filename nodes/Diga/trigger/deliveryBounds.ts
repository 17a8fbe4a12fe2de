/**
 * How much Diga traffic deliveries may cause, kept beside the call-event state in the node's static
 * data. Deliveries are unchecked hints (Diga does not document `Diga-Signature`): anyone who learns
 * the URL can send them, so what they cause in the user's own account is bounded.
 */
export interface DeliveryBounds {
	/** Look-ups of the last minute (ms each). */
	lookups?: number[];
	/** When the last catch-up listed the calls (ms). */
	caughtUpAt?: number;
	/** A catch-up is owed: a delivery was turned away by the bounds, a look-up failed, or n8n restarted (safetyPoll.ts runs it within a minute). */
	catchUpDue?: boolean;
}

/** Per minute: single-call look-ups for deliveries; beyond, deliveries turn into catch-ups. */
export const LOOKUPS_PER_MINUTE = 120;
/** At most one catch-up (a listing of calls) per this many ms. */
export const CATCH_UP_INTERVAL_MS = 30_000;

/** Whether one look-up fits the bound now; if it does, it is counted (in `bounds`, written back by the caller). */
export function admitLookup(bounds: DeliveryBounds, now: number): boolean {
	const recent = (Array.isArray(bounds.lookups) ? bounds.lookups : []).filter((at) => typeof at === 'number' && at > now - 60_000 && at <= now);
	const admitted = recent.length < LOOKUPS_PER_MINUTE;
	if (admitted) recent.push(now);
	bounds.lookups = recent;
	return admitted;
}

/** Whether a catch-up may run now (a clock set back does not block it). */
export function mayCatchUp(bounds: DeliveryBounds, now: number): boolean {
	const last = bounds.caughtUpAt;
	return typeof last !== 'number' || last <= now - CATCH_UP_INTERVAL_MS || last > now;
}
