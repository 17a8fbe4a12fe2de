import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isUuid } from '../helpers/input';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';
import { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
import type { Observation } from './callWatch';
import { observe, planPoll } from './callWatch';
import type { DeliveryBounds } from './deliveryBounds';
import { admitLookup, mayCatchUp } from './deliveryBounds';
import { isSignedByDiga } from './deliverySignature';
import type { CallEvent } from './events';
import { eventOptions, isFinished } from './events';
import { readCall, readPlan } from './fetchCalls';
import type { PhoneResolver } from './filters';
import { matchesQuery, readCallQuery } from './filters';
import type { WatchState } from './watchState';

/** The webhook trigger's events: the polling trigger's two, and each new status of a call. */
export const WEBHOOK_EVENTS: readonly CallEvent[] = ['callFinished', 'newCall', 'statusChanged'];
export const WEBHOOK_EVENT_OPTIONS = eventOptions(WEBHOOK_EVENTS);

/** The node's static data: the state machine's fields, the bounds, a Phone filter's id, and (webhookLifecycle.ts) the webhook's id and secret. */
type StaticData = { webhookSecret?: string; rev?: number } & WatchState & DeliveryBounds & { phone?: { locator: string; id: string } } & IDataObject;
type TriggerContext = IWebhookFunctions | IHookFunctions;

/**
 * Where a delivery may name its call. Diga does not document the body: these are guesses, used
 * only as a hint (the id must be a UUID Diga knows, else the delivery becomes a catch-up).
 */
const CALL_ID_PATHS = [['call_id'], ['call', 'id'], ['data', 'call_id'], ['data', 'call', 'id'], ['data', 'id'], ['id']];

export function callIdOf(body: unknown): string | undefined {
	for (const path of CALL_ID_PATHS) {
		let value: unknown = body;
		for (const key of path) value = value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject)[key] : undefined;
		if (typeof value === 'string' && isUuid(value)) return value.toLowerCase();
	}
	return undefined;
}

/** A Phone filter given by number is looked up once and remembered in the static data (not one request per delivery). */
function cachedPhone(context: TriggerContext, client: DigaClient, stored: StaticData): PhoneResolver {
	return async (phone) => {
		const locator = `${phone.mode}:${phone.value}`;
		if (stored.phone?.locator === locator) return stored.phone.id;
		const id = await phoneIdOfLocator(context, new PhoneDirectory(client), phone, 'Phone');
		if (id !== phone.value) stored.phone = { locator, id };
		return id;
	};
}

async function setUp(context: TriggerContext) {
	const event = context.getNodeParameter('event', 'callFinished') as CallEvent;
	const stored = context.getWorkflowStaticData('node') as StaticData;
	const client = await DigaClient.create(context);
	const qs = await readCallQuery(context, client, cachedPhone(context, client, stored));
	return { event, stored, client, qs, key: JSON.stringify({ event, qs }) };
}

const FIELDS = ['v', 'key', 'since', 'listed', 'calls', 'lookups', 'caughtUpAt', 'catchUpDue', 'rev'] as const;
type Snapshot = Partial<Pick<StaticData, (typeof FIELDS)[number]>>;

/**
 * n8n runs deliveries at once, each on the static data as saved when it arrived, and saves each
 * one's whole static data after it (live-webhooks.ts): two deliveries at once would each miss what
 * the other recorded, and a repeat later would fire again. So this process remembers the newest
 * state it wrote per trigger (`rev` counts writes); a delivery observes on top of whichever is newer,
 * in one synchronous step after its requests. Only a copy of what the static data holds, bounded;
 * it cannot help across several webhook processes (queue mode with webhook workers): docs/webhook-trigger.md.
 */
const newestWritten = new Map<string, Snapshot>();
const MAX_TRIGGERS_REMEMBERED = 200;

function newestState(where: string, stored: StaticData): Snapshot {
	const written = newestWritten.get(where);
	return written && (written.rev ?? 0) > (typeof stored.rev === 'number' ? stored.rev : 0) ? written : stored;
}

/** The state machine's fields, written back at the top level (n8n saves static data when a top-level key changes). */
function writeBack(where: string, stored: StaticData, next: Snapshot): void {
	const snapshot: Snapshot = { ...next, rev: (newestState(where, stored).rev ?? 0) + 1 };
	for (const field of FIELDS) {
		if (snapshot[field] === undefined) delete stored[field];
		else stored[field] = snapshot[field] as never;
	}
	newestWritten.delete(where);
	newestWritten.set(where, snapshot);
	if (newestWritten.size > MAX_TRIGGERS_REMEMBERED) newestWritten.delete(newestWritten.keys().next().value!);
}

const whereOf = (context: TriggerContext) => `${context.getWorkflow().id}:${context.getNode().name}`;

/**
 * Activation (production only): the state machine's start, a catch-up that fires nothing (what
 * already happened is history, calls going on are awaited). With a state kept from before (the
 * workflow was off), nothing is read now: the first delivery catches up what happened meanwhile.
 */
export async function startWatching(this: IHookFunctions): Promise<void> {
	const { event, stored, client, qs, key } = await setUp(this);
	const now = Date.now();
	const plan = planPoll(stored, key, event, now);
	if (!plan.probe) {
		stored.catchUpDue = true;
		return;
	}
	const { calls, observation } = await readPlan(client, qs, plan, now);
	writeBack(whereOf(this), stored, { ...observe(stored, key, event, calls, now, observation).state, catchUpDue: false });
}

/**
 * One delivery. Diga gets its 200 before anything else; the delivery only says that something
 * changed. With a usable call id the call is looked up (`GET /v1/call/{id}`); without one, when
 * Diga does not know it, or when a catch-up is owed, the state machine's poll plan runs (a
 * catch-up). Either way `observe` decides what fires, once per (call, event).
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	this.getResponseObject().status(200).json({ received: true });
	const { event, stored, client, qs, key } = await setUp(this);
	const callId = callIdOf(this.getBodyData());
	const nothing: IWebhookResponseData = { noWebhookResponse: true };
	const emit = (calls: DigaCall[]): IWebhookResponseData => (calls.length ? { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(calls)] } : nothing);

	if (this.getMode() === 'manual') {
		// Listening for a test event: the call this delivery names, if it fits; no state.
		const call = callId ? await readCall(client, callId) : undefined;
		return call && matchesQuery(call, qs) && (event !== 'callFinished' || isFinished(call)) ? emit([call]) : nothing;
	}

	const now = Date.now();
	const where = whereOf(this);
	const before = newestState(where, stored);
	const bounds: DeliveryBounds = { lookups: before.lookups, caughtUpAt: before.caughtUpAt, catchUpDue: before.catchUpDue };
	let read: { calls: DigaCall[]; observation?: Observation } | undefined;
	try {
		const signed = isSignedByDiga(this.getHeaderData() as IDataObject, stored.webhookSecret);
		// An owed catch-up runs as soon as the bounds allow; until then the call a delivery names is
		// still looked up, so it fires now rather than at some later delivery (there is no timer).
		const catchUpFirst = bounds.catchUpDue === true && mayCatchUp(bounds, now);
		const lookUp = !!callId && !catchUpFirst && (signed || admitLookup(bounds, now));
		// Counted before the request: deliveries handled at once must see each other's look-ups.
		if (lookUp) writeBack(where, stored, { ...newestState(where, stored), lookups: bounds.lookups });
		const call = lookUp ? await readCall(client, callId) : undefined;
		if (call) {
			read = { calls: matchesQuery(call, qs) ? [call] : [] };
		} else if (mayCatchUp(bounds, now)) {
			bounds.caughtUpAt = now;
			read = await readPlan(client, qs, planPoll(before, key, event, now), now);
			bounds.catchUpDue = false;
		} else {
			bounds.catchUpDue = true;
		}
	} catch (error) {
		// Diga has its 200 already: the next delivery catches up what this one could not read.
		this.logger.warn(`Diga Instant Trigger: a delivery could not be looked up; the next one catches up. ${(error as Error).message}`);
		bounds.catchUpDue = true;
	}
	// From here to the write, nothing awaits: deliveries handled at once observe one after another.
	const latest = newestState(where, stored);
	const next = read ? observe(latest, key, event, read.calls, now, read.observation) : undefined;
	// Every admitted look-up is in `latest` already (counted above); a set of times would merge two in the same ms.
	const lookups = latest.lookups ?? bounds.lookups;
	writeBack(where, stored, { ...(next?.state ?? latest), ...bounds, lookups, catchUpDue: bounds.catchUpDue || (!read && latest.catchUpDue) || undefined });
	return emit(next?.fired ?? []);
}
