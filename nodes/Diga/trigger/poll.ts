import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { DigaClient } from '../transport/client';
import type { DigaCall } from '../transport/types';
import type { CallEvent } from './events';
import { CALL_EVENTS } from './events';
import type { PollState } from './pollState';
import { listStart, nextPoll } from './pollState';
import { readList } from '../transport/paginate';
import { readCallQuery } from './filters';

const CALLS = '/v1/call/';

/**
 * The Diga Trigger's poll. In the editor (Fetch Test Event) it returns the most recent matching
 * call and leaves the state alone; active, it returns each call's event once (see pollState.ts).
 */
export async function pollCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event', 'callFinished') as CallEvent;
	const client = await DigaClient.create(this);
	const qs = await readCallQuery(this, client);

	if (this.getMode() === 'manual') {
		const [latest] = await readList<DigaCall>(client, CALLS, { ...qs, ...CALL_EVENTS[event].testQuery }, 1);
		return latest ? [this.helpers.returnJsonArray([latest])] : null;
	}

	const state = this.getWorkflowStaticData('node') as PollState;
	const key = JSON.stringify({ event, qs });
	const now = Date.now();
	const calls = await readList<DigaCall>(client, CALLS, { ...qs, start_created_date: listStart(state, key, now) });
	const next = nextPoll(state, key, event, calls, now);
	// Written only now that every request has succeeded (a failed poll leaves the state as it was), and
	// at the top level: n8n tracks changes to static data (and so saves them) only through objects that
	// existed when the workflow was loaded, not inside ones made since.
	state.key = next.state.key;
	state.since = next.state.since;
	state.calls = next.state.calls;
	return next.fired.length > 0 ? [this.helpers.returnJsonArray(next.fired)] : null;
}
