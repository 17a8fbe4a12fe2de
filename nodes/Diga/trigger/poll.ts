import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { locatorValue, requireUuid } from '../helpers/input';
import { PhoneDirectory, phoneIdOfLocator } from '../helpers/phoneDirectory';
import { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
import type { CallEvent } from './events';
import type { PollState } from './pollState';
import { advance, isWatching, recordHistory, startWatching } from './pollState';
import { readList } from '../transport/paginate';

interface TriggerFilters {
	phoneId?: unknown;
	agentId?: unknown;
	direction?: string;
}

const CALLS = '/v1/call/';

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
 * The Diga Trigger's poll. In the editor (Fetch Test Event) it returns the most recent matching
 * call and leaves the state alone; active, it returns each call's event once (see pollState.ts).
 */
export async function pollCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event', 'callFinished') as CallEvent;
	const client = await DigaClient.create(this);
	const qs = await readQuery(this, client);

	if (this.getMode() === 'manual') {
		const [latest] = await readList<DigaCall>(client, CALLS, event === 'callFinished' ? { ...qs, status: 'completed' } : qs, 1);
		return latest ? [this.helpers.returnJsonArray([latest])] : null;
	}

	const state = this.getWorkflowStaticData('node') as PollState;
	const key = JSON.stringify({ event, qs });
	const now = Date.now();
	if (!isWatching(state, key)) {
		const since = startWatching(state, key, now);
		recordHistory(state, await readList<DigaCall>(client, CALLS, { ...qs, start_created_date: since }));
		return null;
	}
	const calls = await readList<DigaCall>(client, CALLS, { ...qs, start_created_date: state.since });
	const fired = advance(state, event, calls, now);
	return fired.length > 0 ? [this.helpers.returnJsonArray(fired)] : null;
}

