import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isUuid } from '../helpers/input';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';
import { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
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
type StaticData = { webhookSecret?: string } & WatchState & DeliveryBounds & { phone?: { locator: string; id: string } } & IDataObject;
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

/** The state machine's fields, written back at the top level (n8n saves static data when a top-level key changes). */
function writeBack(stored: StaticData, next: WatchState & DeliveryBounds): void {
	for (const field of ['v', 'key', 'since', 'listed', 'calls', 'lookups', 'caughtUpAt', 'catchUpDue'] as const) {
		if (next[field] === undefined) delete stored[field];
		else stored[field] = next[field] as never;
	}
}

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
	writeBack(stored, { ...observe(stored, key, event, calls, now, observation).state, caughtUpAt: now, catchUpDue: false });
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
	const bounds: DeliveryBounds = { lookups: stored.lookups, caughtUpAt: stored.caughtUpAt, catchUpDue: stored.catchUpDue };
	let next: { state: WatchState; fired: DigaCall[] } | undefined;
	try {
		const signed = isSignedByDiga(this.getHeaderData() as IDataObject, stored.webhookSecret);
		const call = callId && !bounds.catchUpDue && (signed || admitLookup(bounds, now)) ? await readCall(client, callId) : undefined;
		if (call) {
			next = observe(stored, key, event, matchesQuery(call, qs) ? [call] : [], now);
		} else if (mayCatchUp(bounds, now)) {
			const { calls, observation } = await readPlan(client, qs, planPoll(stored, key, event, now), now);
			next = observe(stored, key, event, calls, now, observation);
			bounds.caughtUpAt = now;
			bounds.catchUpDue = false;
		} else {
			bounds.catchUpDue = true;
		}
	} catch (error) {
		// Diga has its 200 already: the next delivery catches up what this one could not read.
		this.logger.warn(`Diga Instant Trigger: a delivery could not be looked up; the next one catches up. ${(error as Error).message}`);
		bounds.catchUpDue = true;
	}
	writeBack(stored, { ...(next?.state ?? stored), ...bounds });
	return emit(next?.fired ?? []);
}
