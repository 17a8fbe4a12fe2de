import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import type { DigaKnowledgeItem } from '../../transport/types';
import { A_KNOWLEDGE_ITEM } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { ITEM, itemLocator, itemNotFound } from './itemFields';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a knowledge item: its status, size, base and (for a text) its text',
	action: 'Get a knowledge item',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [itemLocator('The knowledge item to get')];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const itemId = readLocatorId(this, ITEM.name, ITEM.label, itemIndex);
	return await run.client.request<DigaKnowledgeItem>(
		{ method: 'GET', path: `/v1/knowledge/item/${itemId}`, expect: A_KNOWLEDGE_ITEM },
		{ itemIndex, fields: [ITEM], notFound: itemNotFound(itemId) },
	);
}
