import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { BodyExpectation } from '../../transport/types';
import { isRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get Live Call Count',
	value: 'getLiveCallCount',
	description: 'How many calls the account has live right now, optionally with the plan’s limit',
	action: 'Get the number of live calls',
} as const satisfies OperationOption;

const INCLUDE_LIMIT = { name: 'includePlanLimit', label: 'Include Plan Limit' } as const;

const properties: INodeProperties[] = [
	{
		displayName: INCLUDE_LIMIT.label,
		name: INCLUDE_LIMIT.name,
		type: 'boolean',
		default: false,
		description:
			'Whether to also read the plan’s Max Concurrent Calls (from the subscription) and output it with the share of it in use, in percent. Both are null for a plan without a limit.',
	},
	{
		displayName:
			'Reads the first value of Diga’s live call-count stream and closes it. With no value within the Timeout option, the node fails instead of waiting.',
		name: 'liveCallCountNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['getLiveCallCount'] } }, properties);

/** The stream's event: `{"active_calls": N}` (the spec's description; its schema is empty). */
const A_COUNT: BodyExpectation = {
	what: 'a live call count ({"active_calls": N})',
	is: (body) => isRecord(body) && Number.isInteger(body.active_calls) && (body.active_calls as number) >= 0,
};

const A_SUBSCRIPTION: BodyExpectation = { what: 'a subscription', is: (body) => isRecord(body) && (body.max_concurrent_calls === null || Number.isInteger(body.max_concurrent_calls)) };

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const withLimit = this.getNodeParameter(INCLUDE_LIMIT.name, itemIndex, false) === true;
	const count = await run.client.request<IDataObject>({ method: 'GET', path: '/v1/call/concurrency/stream', firstEvent: true, expect: A_COUNT }, { itemIndex });
	if (!withLimit) return count;
	const plan = await run.client.request<IDataObject>({ method: 'GET', path: '/v1/billing/subscription/', expect: A_SUBSCRIPTION }, { itemIndex });
	const limit = plan.max_concurrent_calls as number | null;
	const percent = limit ? Math.round(((count.active_calls as number) / limit) * 1000) / 10 : null;
	return { ...count, max_concurrent_calls: limit, percent_of_limit: percent };
}
