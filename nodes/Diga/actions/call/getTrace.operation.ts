import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DigaTrace } from '../../transport/types';
import { aRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { CALL_ID, callIdProperty, readCallId } from './callId';

export const option = {
	name: 'Get Trace',
	value: 'getTrace',
	description: 'Get the trace of a call: each step the agent took (its spans), with timings and status',
	action: 'Get the trace of a call',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [callIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getTrace'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<DigaTrace> {
	const callId = readCallId(this, itemIndex);
	return await run.client.request<DigaTrace>(
		{ method: 'GET', path: `/v1/trace/call/${callId}`, expect: aRecord('a trace', 'id') },
		{ itemIndex, fields: [{ ...CALL_ID, api: 'call_id' }], notFound: { default: `Diga has no trace for call ${callId}` } },
	);
}
