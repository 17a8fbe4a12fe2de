import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, returnAllOrLimit } from '../../descriptions/pagination';
import { knowledgeBaseLocator } from '../../descriptions/resourceLocators';
import type { DigaField } from '../../vocabulary/fields';
import { locatorValue, readLimit, requireUuid } from '../../helpers/input';
import { readList } from '../../transport/paginate';
import type { DigaKnowledgeItem } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the knowledge items of the account',
	action: 'Get many knowledge items',
} as const satisfies OperationOption;

/** The filters, as query parameters of `GET /v1/knowledge/item/`. */
const BASE = { name: 'knowledgeBaseId', api: 'knowledge_base_id', label: 'Knowledge Base' } as const satisfies DigaField;
const STATUS = { name: 'status', api: 'status', label: 'Status' } as const satisfies DigaField;
const CATEGORY = { name: 'category', api: 'category', label: 'Category' } as const satisfies DigaField;
const NAME = { name: 'name', api: 'name', label: 'Name Contains' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: CATEGORY.label,
			name: CATEGORY.name,
			type: 'options',
			default: 'txt',
			description: 'Only items of this kind',
			options: [
				{ name: 'File', value: 'file' },
				{ name: 'Text', value: 'txt' },
				{ name: 'Web Page', value: 'url' },
			],
		},
		knowledgeBaseLocator(BASE, 'Only the items of this knowledge base'),
		{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', description: 'Only items whose name contains this text (any case)' },
		{
			displayName: STATUS.label,
			name: STATUS.name,
			type: 'options',
			default: 'uploaded',
			description: 'Only items in this state',
			options: [
				{ name: 'Error', value: 'error', description: 'Diga could not index it' },
				{ name: 'Indexing', value: 'indexing', description: 'Diga is still reading it' },
				{ name: 'Uploaded', value: 'uploaded', description: 'Indexed: the agent can use it' },
			],
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters[BASE.name] !== undefined) qs[BASE.api] = requireUuid(this, locatorValue(filters[BASE.name]).value, BASE.label, itemIndex);
	for (const field of [STATUS, CATEGORY, NAME]) {
		if (filters[field.name] !== undefined && filters[field.name] !== '') qs[field.api] = String(filters[field.name]);
	}
	return await readList<DigaKnowledgeItem>(run.client, '/v1/knowledge/item/', qs, limit, { itemIndex, fields: [BASE, STATUS, CATEGORY, NAME] });
}
