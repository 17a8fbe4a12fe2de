import type { IDataObject, INodePropertyOptions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isUuid } from '../helpers/input';
import { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import type { DigaCall } from '../transport/types';
import { A_CALL } from '../transport/types';
import { isSignedByDiga } from './deliverySignature';
import { CALL_EVENTS, isFinished } from './events';
import type { PhoneResolver } from './filters';
import { matchesQuery, readCallQuery } from './filters';
import type { RegisteredWebhook } from './webhookLifecycle';
import type { DeliveryState, WebhookEvent } from './webhookState';
import { admitLookup, catchUpStart, currentState, mayCatchUp, observe } from './webhookState';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';

/** The webhook trigger's events: the polling trigger's two, and each new status of a call. */
export const WEBHOOK_EVENT_OPTIONS: Array<INodePropertyOptions & { value: WebhookEvent }> = [
	CALL_EVENTS.callFinished.option,
	CALL_EVENTS.newCall.option,
	{ name: 'Status Changed', value: 'statusChanged', description: 'A call has a new status (dialing, in queue, in progress, ended): once per status the trigger sees' },
];

type StaticData = RegisteredWebhook & DeliveryState & { phone?: { locator: string; id: string } } & IDataObject;

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

/** A Phone filter given by number is looked up once and remembered with the state (one request, not one per delivery). */
function cachedPhone(context: IWebhookFunctions, client: DigaClient, stored: StaticData): PhoneResolver {
	return async (phone) => {
		const locator = `${phone.mode}:${phone.value}`;
		if (stored.phone?.locator === locator) return stored.phone.id;
		const id = await phoneIdOfLocator(context, new PhoneDirectory(client), phone, 'Phone');
		if (id !== phone.value) stored.phone = { locator, id };
		return id;
	};
}

/** `GET /v1/call/{id}`: the call, or `undefined` when Diga has no such call (a forged or foreign id). */
async function lookUp(client: DigaClient, id: string): Promise<DigaCall | undefined> {
	return await client.request<DigaCall>({ method: 'GET', path: `/v1/call/${id}`, expect: A_CALL }).catch(unlessUnknownCall);
}

/** Diga's 404 (or 422 for an id it cannot read) means no such call; any other failure stands. */
function unlessUnknownCall(error: unknown): undefined {
	if (error instanceof NodeApiError && (error.httpCode === '404' || error.httpCode === '422')) return undefined;
	throw error;
}

/**
 * One delivery. Diga gets its 200 before anything else; the delivery only says that something
 * changed. With a usable call id the call is looked up; without one (or when Diga does not know
 * it) the calls are listed from where the state says something may have been missed (a catch-up).
 * Either way the state machine decides what fires, once per (call, event).
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	this.getResponseObject().status(200).json({ received: true });
	const event = this.getNodeParameter('event', 'callFinished') as WebhookEvent;
	const stored = this.getWorkflowStaticData('node') as StaticData;
	const client = await DigaClient.create(this);
	const qs = await readCallQuery(this, client, cachedPhone(this, client, stored));
	const callId = callIdOf(this.getBodyData());

	if (this.getMode() === 'manual') {
		// Listening for a test event: the call this delivery names, if it fits; no state.
		const call = callId ? await lookUp(client, callId) : undefined;
		const fits = call && matchesQuery(call, qs) && (event !== 'callFinished' || isFinished(call));
		return fits ? { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([call])] } : { noWebhookResponse: true };
	}

	const now = Date.now();
	const key = JSON.stringify({ event, qs });
	const state = currentState(stored, key, now);
	let calls: DigaCall[] | undefined;
	try {
		const lookUpOne = callId && !state.catchUpDue && (isSignedByDiga(this.getHeaderData() as IDataObject, stored.webhookSecret) || admitLookup(state, now));
		const call = lookUpOne ? await lookUp(client, callId) : undefined;
		if (call) calls = [call];
		else if (mayCatchUp(state, now)) {
			calls = await readList<DigaCall>(client, '/v1/call/', { ...qs, start_created_date: new Date(catchUpStart(state, now)).toISOString() });
			state.caughtUpAt = now;
			state.catchUpDue = false;
		} else state.catchUpDue = true;
	} catch (error) {
		// Diga has its 200 already: the next delivery catches up what this one could not look up.
		this.logger.warn(`Diga Webhook Trigger: could not look up a delivery, the next one catches up: ${(error as Error).message}`);
		state.catchUpDue = true;
	}
	const next = calls ? observe(state, key, calls, now) : { state, fired: undefined };
	// Written at the top level: n8n saves static data when a top-level key changes.
	for (const field of ['key', 'floor', 'calls', 'caughtUpAt', 'lookups', 'catchUpDue'] as const) {
		if (next.state[field] === undefined) delete stored[field];
		else stored[field] = next.state[field] as never;
	}
	const items = (next.fired?.[event] ?? []).filter((call) => matchesQuery(call, qs));
	return items.length ? { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(items)] } : { noWebhookResponse: true };
}
