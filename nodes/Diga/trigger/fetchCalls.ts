import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import type { DigaCall } from '../transport/types';
import { A_CALL } from '../transport/types';
import type { CallEvent } from './events';
import { CALL_EVENTS, testEventOf } from './events';
import type { Observation, PollPlan } from './callWatch';
import { startBehind } from './callWatch';

/** The requests of the triggers (polling and webhook): the only place they speak to Diga about calls. */
export const CALLS = '/v1/call/';

/** Diga's answer to `GET /v1/call/{id}` for an id it does not know (spec: 404 `CALL_NOT_FOUND`). */
const CALL_NOT_FOUND = 'CALL_NOT_FOUND';

const isCallNotFound = (error: unknown) =>
	error instanceof NodeApiError && error.httpCode === '404' && (error.errorResponse as IDataObject | undefined)?.error_code === CALL_NOT_FOUND;

/**
 * `GET /v1/call/{id}`: the call, or `undefined` when Diga answers that it does not know it (deleted).
 * Any other failure (a 500, a 404 of another kind) is thrown: the poll fails and changes nothing.
 */
export async function readCall(client: DigaClient, id: string): Promise<DigaCall | undefined> {
	try {
		return await client.request<DigaCall>({ method: 'GET', path: `${CALLS}${encodeURIComponent(id)}`, expect: A_CALL });
	} catch (error) {
		if (isCallNotFound(error)) return undefined;
		// The client throws NodeApiErrors only; n8n's constructor hands such an error back unchanged.
		throw new NodeApiError(client.node, error as JsonObject);
	}
}

/**
 * Runs a plan (callWatch.ts `planPoll`) with the trigger's filters `qs`: the recent listing, at the
 * start the listings of the calls going on, and the look-ups, one after another. Returns what
 * `observe` takes; throws at the first failure, so a caller writes no state after a partial read.
 */
export async function readPlan(client: DigaClient, qs: IDataObject, plan: PollPlan, now: number): Promise<{ calls: DigaCall[]; observation: Observation }> {
	let listedSince = plan.listSince;
	let calls = await readList<DigaCall>(client, CALLS, { ...qs, start_created_date: listedSince });
	if (plan.probe && calls.length === 0) {
		const behind = startBehind(plan, (await readList<DigaCall>(client, CALLS, qs, 1))[0], now);
		if (behind !== undefined) {
			listedSince = behind.since;
			if (behind.relist) calls = await readList<DigaCall>(client, CALLS, { ...qs, start_created_date: listedSince });
		}
	}
	for (const status of plan.unfinished?.statuses ?? []) {
		calls.push(...(await readList<DigaCall>(client, CALLS, { ...qs, status, start_created_date: plan.unfinished!.since })));
	}
	const gone: string[] = [];
	for (const id of plan.lookUp) {
		const call = await readCall(client, id);
		if (call) calls.push(call);
		else gone.push(id);
	}
	return { calls, observation: { listedSince, gone } };
}

/** Fetch Test Event: the most recent call with the event (each query of the event in turn, newest first), or `undefined`. */
export async function readTestEvent(client: DigaClient, qs: IDataObject, event: CallEvent): Promise<DigaCall | undefined> {
	for (const query of CALL_EVENTS[event].testQueries) {
		const found = testEventOf(event, await readList<DigaCall>(client, CALLS, { ...qs, ...query.qs }, query.limit));
		if (found) return found;
	}
	return undefined;
}
