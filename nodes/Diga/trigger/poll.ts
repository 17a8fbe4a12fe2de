import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { DigaClient } from '../transport/client';
import { observe, planPoll } from './callWatch';
import type { CallEvent } from './events';
import { readPlan, readTestEvent } from './fetchCalls';
import { readCallQuery } from './filters';
import { adoptLegacyKey, stateKey } from './triggerState';
import type { WatchState } from './watchState';

/**
 * The Diga Trigger's poll. In the editor (Fetch Test Event) it returns the most recent call that had
 * the event and leaves the state alone; active, it returns each call's event once (callWatch.ts).
 */
export async function pollCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event', 'callFinished') as CallEvent;
	const client = await DigaClient.create(this);
	const qs = await readCallQuery(this, client);

	if (this.getMode() === 'manual') {
		const latest = await readTestEvent(client, qs, event);
		return latest ? [this.helpers.returnJsonArray([latest])] : null;
	}

	const stored = this.getWorkflowStaticData('node') as WatchState;
	// Keyed by the credential too: another account's calls are not this state's (and never fire as past events).
	const { key, legacy } = stateKey(this, event, qs);
	const state = adoptLegacyKey(stored, key, legacy);
	const now = Date.now();
	const { calls, observation } = await readPlan(client, qs, planPoll(state, key, event, now), now);
	const next = observe(state, key, event, calls, now, observation);
	// Written only now that every request has succeeded (a failed poll leaves the state as it was), and
	// at the top level: n8n tracks changes to static data (and so saves them) only through objects that
	// existed when the workflow was loaded, not inside ones made since.
	stored.v = next.state.v;
	stored.key = next.state.key;
	stored.since = next.state.since;
	stored.listed = next.state.listed;
	stored.calls = next.state.calls;
	return next.fired.length > 0 ? [this.helpers.returnJsonArray(next.fired)] : null;
}
