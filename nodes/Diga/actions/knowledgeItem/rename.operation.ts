import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import type { DigaKnowledgeItem } from '../../transport/types';
import { A_KNOWLEDGE_ITEM } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { ITEM, ITEM_NAME, itemLocator, itemNotFound, requireText } from './itemFields';

export const option = {
	name: 'Rename',
	value: 'rename',
	description: 'Give a knowledge item a new name',
	action: 'Rename a knowledge item',
} as const satisfies OperationOption;

const NEW_NAME = { ...ITEM_NAME, label: 'New Name' } as const;

const properties: INodeProperties[] = [
	itemLocator('The knowledge item to rename'),
	{ displayName: NEW_NAME.label, name: NEW_NAME.name, type: 'string', default: '', required: true, description: 'The item’s name from now on' },
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['rename'] } }, properties);

interface Renaming {
	itemId: string;
	name: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<Renaming> {
	return { itemId: readLocatorId(this, ITEM.name, ITEM.label, itemIndex), name: requireText(this, NEW_NAME, itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: Renaming): Promise<IDataObject> {
	const { itemId, name } = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaKnowledgeItem>(
		{ method: 'PATCH', path: `/v1/knowledge/item/${itemId}`, body: { [NEW_NAME.api]: name }, expect: A_KNOWLEDGE_ITEM },
		{ itemIndex, fields: [ITEM, NEW_NAME], notFound: itemNotFound(itemId) },
	);
}
