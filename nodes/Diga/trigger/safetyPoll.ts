import type { INodeExecutionData, INodeProperties, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { setUp } from './webhookDelivery';
import { adoptLegacyKey, catchUp, newestState, settle, whereOf } from './triggerState';

/**
 * The Instant Trigger's safety poll: nothing waits for a delivery that may never come. n8n runs a
 * node's `poll` on the schedule of its `pollTimes` parameter, beside its webhook, on every version
 * this package supports: 1.x `ActiveWorkflowManager.add` activates a node's webhooks and its poller
 * alike; 2.x's publication service registers a node that polls at every start too (with its
 * webhooks, so `checkExists` runs at a restart), and pollers run on the leader only (queue mode).
 * The editor knows a node as polling by `description.polling`, which this node does not set: it
 * keeps "Listen for test event", and the schedule is this hidden parameter, not the user's.
 */
export const SAFETY_POLL_TIMES: INodeProperties = {
	displayName: 'Safety Poll Times',
	name: 'pollTimes',
	type: 'hidden',
	default: { item: [{ mode: 'everyMinute' }] },
};

/** While idle, one catch-up per this long: a lost delivery fires within this plus one minute (the poll's schedule). */
export const SAFETY_INTERVAL_MS = 4 * 60_000;

/**
 * The safety interval in minutes, hidden (not in the editor): 4 unless a workflow's JSON sets it
 * (1 to 60). The e2e sets 1 to keep CI short; a user has no reason to.
 */
export const SAFETY_INTERVAL_MINUTES: INodeProperties = {
	displayName: 'Safety Interval (Minutes)',
	name: 'safetyIntervalMinutes',
	type: 'hidden',
	default: 4,
};

function safetyIntervalOf(context: IPollFunctions): number {
	const minutes = Number(context.getNodeParameter('safetyIntervalMinutes', SAFETY_INTERVAL_MS / 60_000));
	return Number.isFinite(minutes) ? Math.min(Math.max(minutes, 1), 60) * 60_000 : SAFETY_INTERVAL_MS;
}
/** n8n's schedule fires at a random second of the minute, a little early or late: not a reason to wait a whole minute more. */
const SCHEDULE_SLACK_MS = 5_000;

/** The static data objects of the activations this process has polled: the first poll of an activation catches up at once. */
const pollingSince = new WeakSet<object>();

/**
 * One tick (every minute). A catch-up runs when: this activation has not caught up yet (at
 * activation the start, at a restart what changed while n8n was down, once); a catch-up is owed (a
 * delivery beyond the look-up bound, a failed look-up) and its bound allows; or the last catch-up,
 * by a delivery or a tick, is the safety interval old (4 minutes). Otherwise nothing is sent.
 */
export async function runSafetyPoll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	// Only an active workflow: the editor listens for test events through the webhook.
	if (this.getMode() === 'manual') return null;
	const { event, stored, client, qs, keys } = await setUp(this);
	const now = Date.now();
	const where = whereOf(this);
	const newest = adoptLegacyKey(newestState(where, stored), keys.key, keys.legacy);
	const first = !pollingSince.has(stored);
	pollingSince.add(stored);
	const last = typeof newest.caughtUpAt === 'number' ? newest.caughtUpAt : undefined;
	const stale = last === undefined || last > now || now - last >= safetyIntervalOf(this) - SCHEDULE_SLACK_MS;
	// An owed catch-up runs as soon as its own bound allows (catchUp checks it).
	if (!first && !stale && newest.catchUpDue !== true && newest.key === keys.key) return null;
	let reading;
	try {
		reading = await catchUp(where, stored, client, qs, keys, event, now, first);
	} catch (error) {
		// Still owed: the next tick tries again; n8n shows the error (an error execution, or a failed activation).
		settle(where, stored, keys, event, now, undefined, true);
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const fired = settle(where, stored, keys, event, now, reading, !reading);
	return fired.length > 0 ? [this.helpers.returnJsonArray(fired)] : null;
}
