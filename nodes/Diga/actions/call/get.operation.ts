import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DigaCall } from '../../transport/types';
import { A_CALL } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { callIdProperty, readCallId } from './callId';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a call by ID',
	action: 'Get a call by ID',
} as const satisfies OperationOption;

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, [callIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const callId = readCallId(this, itemIndex);
	return await run.client.request<DigaCall>(
		{ method: 'GET', path: `/v1/call/${callId}`, expect: A_CALL },
		{ itemIndex, notFound: { default: `Diga could not find call ${callId} in this account` } },
	);
}
