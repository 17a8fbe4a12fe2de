import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, readLimit, returnAllOrLimit } from '../../descriptions/pagination';
import type { DigaAgent } from '../../transport/types';
import type { RunContext } from '../types';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Is Published',
			name: 'isPublished',
			type: 'boolean',
			default: true,
			description: 'Whether to return only agents with a published version, each at that version',
		},
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'free',
			description: 'Only agents of this kind',
			options: [
				{ name: 'Free', value: 'free', description: 'Agents that follow a prompt' },
				{ name: 'Path', value: 'path', description: 'Agents that follow a conversational path' },
			],
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.isPublished !== undefined) qs.is_published = filters.isPublished === true;
	if (filters.mode !== undefined) qs.mode = filters.mode;
	return await run.client.paginate<DigaAgent>('/v1/agent/', qs, limit, { itemIndex });
}
