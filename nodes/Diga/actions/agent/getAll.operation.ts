import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import type { DigaField } from '../../vocabulary/fields';
import { readLimit } from '../../helpers/input';
import type { DigaAgent } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { readList } from '../../transport/paginate';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the agents of the account',
	action: 'Get many agents',
} as const satisfies OperationOption;

/** The filters, as query parameters of `GET /v1/agent/`. */
const IS_PUBLISHED = { name: 'isPublished', api: 'is_published', label: 'Is Published' } as const satisfies DigaField;
const MODE = { name: 'mode', api: 'mode', label: 'Mode' } as const satisfies DigaField;
const FIELDS: readonly DigaField[] = [IS_PUBLISHED, MODE];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: IS_PUBLISHED.label,
			name: IS_PUBLISHED.name,
			type: 'boolean',
			default: true,
			description: 'Whether to return only agents with a published version, each at that version',
		},
		{
			displayName: MODE.label,
			name: MODE.name,
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
	if (filters[IS_PUBLISHED.name] !== undefined) qs[IS_PUBLISHED.api] = filters[IS_PUBLISHED.name] === true;
	if (filters[MODE.name] !== undefined) qs[MODE.api] = filters[MODE.name];
	return await readList<DigaAgent>(run.client, '/v1/agent/', qs, limit, { itemIndex, fields: FIELDS });
}
