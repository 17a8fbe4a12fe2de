import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isUuid } from '../helpers/input';
import { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
import { admitLookup, mayCatchUp } from './deliveryBounds';
import type { CallEvent } from './events';
import { eventOptions, isFinished } from './events';
import { readCall } from './fetchCalls';
import { matchesQuery, readCallQuery } from './filters';
import { cachedPhone, PHONE_RECHECK_MS, phoneMayHaveMoved } from './phoneFilter';
import type { Reading, StaticData, TriggerContext } from './triggerState';
import { accountOf, catchUp, newestState, reserve, settle, stateKey, whereOf } from './triggerState';

/** The webhook trigger's events: the polling trigger's two, and each new status of a call. */
export const WEBHOOK_EVENTS: readonly CallEvent[] = ['callFinished', 'newCall', 'statusChanged'];
export const WEBHOOK_EVENT_OPTIONS = eventOptions(WEBHOOK_EVENTS);

/**
 * Where a delivery may name its call. Diga does not document the body: these are guesses, used
 * only as a hint (the id must be a UUID Diga knows, else the delivery becomes a catch-up; a call
 * named elsewhere is seen by the next catch-up, at the latest the safety poll's: safetyPoll.ts).
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

/** What every step of the Instant Trigger starts from: the event, the static data, a client, the filters as a query, the state's key. */
export async function setUp(context: TriggerContext) {
	const event = context.getNodeParameter('event', 'callFinished') as CallEvent;
	const stored = context.getWorkflowStaticData('node') as StaticData;
	const client = await DigaClient.create(context);
	const account = JSON.stringify(accountOf(context));
	const qs = await readCallQuery(context, client, cachedPhone(context, client, stored, account));
	return { event, stored, client, qs, account, keys: stateKey(context, event, qs) };
}

/**
 * One delivery. Diga gets its 200 before anything else; the delivery only says that something
 * changed. With a usable call id, within the look-up bound and no catch-up owed that may run now,
 * the call is looked up (`GET /v1/call/{id}`); otherwise a catch-up runs if its bound allows, else
 * one is owed (the safety poll runs it within a minute). Requests are counted before they are sent;
 * `settle` is the one state step after them.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	this.getResponseObject().status(200).json({ received: true });
	const { event, stored, client, account, keys, ...filters } = await setUp(this);
	let qs = filters.qs;
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
	let reading: Reading | undefined;
	try {
		const before = newestState(where, stored);
		const catchUpFirst = before.catchUpDue === true && mayCatchUp(before, now);
		const bounds = { lookups: before.lookups };
		const lookUp = !!callId && !catchUpFirst && admitLookup(bounds, now);
		if (lookUp) reserve(where, stored, bounds);
		const call = lookUp ? await readCall(client, callId) : undefined;
		if (call && phoneMayHaveMoved(call, qs, stored)) qs = await readCallQuery(this, client, cachedPhone(this, client, stored, account, PHONE_RECHECK_MS));
		reading = call ? { calls: matchesQuery(call, qs) ? [call] : [] } : await catchUp(where, stored, client, qs, keys, event, now);
	} catch (error) {
		// Diga has its 200 already: a catch-up is owed (the next delivery's, or the safety poll's within a minute).
		this.logger.warn(`Diga Instant Trigger: a delivery could not be read from Diga; a catch-up follows. ${(error as Error).message}`);
		reading = undefined;
	}
	return emit(settle(where, stored, keys, event, now, reading, !reading));
}
