import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { locatorValue, requireUuid } from '../helpers/input';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';
import { DigaClient } from '../transport/client';
import { observe, planPoll } from './callWatch';
import type { CallEvent } from './events';
import { readPlan, readTestEvent } from './fetchCalls';
import type { WatchState } from './watchState';

interface TriggerFilters {
	phoneId?: unknown;
	agentId?: unknown;
	direction?: string;
}

/** The filters as `GET /v1/call/` query parameters; a phone given by number is looked up. */
async function readQuery(context: IPollFunctions, client: DigaClient): Promise<IDataObject> {
	const filters = context.getNodeParameter('filters', {}) as TriggerFilters;
	const qs: IDataObject = {};
	if (filters.phoneId) qs.phone_id = await phoneIdOfLocator(context, new PhoneDirectory(client), locatorValue(filters.phoneId), 'Phone');
	if (filters.agentId) qs.agent_id = requireUuid(context, locatorValue(filters.agentId).value, 'Agent');
	if (filters.direction) qs.type = filters.direction;
	return qs;
}

/**
 * The Diga Trigger's poll. In the editor (Fetch Test Event) it returns the most recent call that had
 * the event and leaves the state alone; active, it returns each call's event once (callWatch.ts).
 */
export async function pollCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event', 'callFinished') as CallEvent;
	const client = await DigaClient.create(this);
	const qs = await readQuery(this, client);

	if (this.getMode() === 'manual') {
		const latest = await readTestEvent(client, qs, event);
		return latest ? [this.helpers.returnJsonArray([latest])] : null;
	}

	const state = this.getWorkflowStaticData('node') as WatchState;
	const key = JSON.stringify({ event, qs });
	const now = Date.now();
	const { calls, observation } = await readPlan(client, qs, planPoll(state, key, event, now), now);
	const next = observe(state, key, event, calls, now, observation);
	// Written only now that every request has succeeded (a failed poll leaves the state as it was), and
	// at the top level: n8n tracks changes to static data (and so saves them) only through objects that
	// existed when the workflow was loaded, not inside ones made since.
	state.v = next.state.v;
	state.key = next.state.key;
	state.since = next.state.since;
	state.listed = next.state.listed;
	state.calls = next.state.calls;
	return next.fired.length > 0 ? [this.helpers.returnJsonArray(next.fired)] : null;
}
