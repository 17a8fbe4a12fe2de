import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get Storage Usage',
	value: 'getUsage',
	description: 'How much knowledge storage the account uses, of how much, in how many items',
	action: 'Get the account’s knowledge storage usage',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	{
		displayName: 'Returns used_bytes, limit_bytes (empty when the plan sets no limit) and item_count for the whole account',
		name: 'usageNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['getUsage'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	return await run.client.request<IDataObject>(
		{
			method: 'GET',
			path: '/v1/knowledge/usage',
			expect: { what: 'the knowledge storage usage', is: (body) => isRecord(body) && typeof body.used_bytes === 'number' },
		},
		{ itemIndex },
	);
}
