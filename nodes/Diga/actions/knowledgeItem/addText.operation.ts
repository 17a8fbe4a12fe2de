import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import type { DigaField } from '../../vocabulary/fields';
import type { DigaKnowledgeItem } from '../../transport/types';
import { A_KNOWLEDGE_ITEM } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { baseNotFound, ITEM_NAME, readTargetBase, requireText, TARGET_BASE, targetBaseField } from './itemFields';

export const option = {
	name: 'Add Text',
	value: 'addText',
	description: 'Add a text (an FAQ, opening hours, prices) as a knowledge item',
	action: 'Add a text as a knowledge item',
} as const satisfies OperationOption;

const CONTENT = { name: 'content', api: 'content', label: 'Text' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	{ displayName: ITEM_NAME.label, name: ITEM_NAME.name, type: 'string', default: '', required: true, placeholder: 'e.g. Opening hours', description: 'The item’s name in Diga' },
	{ displayName: CONTENT.label, name: CONTENT.name, type: 'string', default: '', required: true, typeOptions: { rows: 6 }, description: 'The text the agent may draw on. Diga indexes it after the upload (status "indexing", then "uploaded").' },
	additionalFields([targetBaseField]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addText'] } }, properties);

/** `TextKnowledgeItemRequest`, checked before any item of the run is added. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = { [ITEM_NAME.api]: requireText(this, ITEM_NAME, itemIndex), [CONTENT.api]: requireText(this, CONTENT, itemIndex, false) };
	const baseId = readTargetBase(this, itemIndex);
	if (baseId) body[TARGET_BASE.api] = baseId;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject> {
	const body = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaKnowledgeItem>(
		{
			method: 'POST',
			path: '/v1/knowledge/item/text',
			body,
			expect: A_KNOWLEDGE_ITEM,
			lostAnswer: {
				mayHave: `Diga may have added the text item "${String(body.name)}"`,
				check: `Knowledge Item → Get Many with the name "${String(body.name)}": if it is there, do not add it again (Knowledge Base → Sync Text never adds a text twice).`,
			},
		},
		{ itemIndex, fields: [ITEM_NAME, CONTENT, TARGET_BASE], notFound: baseNotFound },
	);
}
