import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import { readIdListPair } from '../../helpers/input';
import type { DigaKnowledgeBase } from '../../transport/types';
import { A_KNOWLEDGE_BASE } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { BASE_FIELDS, DESCRIPTION, descriptionField, ITEM_LISTS, ITEMS, itemsFields, NAME } from './baseFields';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Create a knowledge base, optionally from existing knowledge items',
	action: 'Create a knowledge base',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', required: true, placeholder: 'e.g. FAQ', description: 'The base’s name in Diga' },
	additionalFields([descriptionField, ...itemsFields('Knowledge items to put in the new base (an item belongs to one base at a time: it leaves its other base).')]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['create'] } }, properties);

/** `KnowledgeBaseCreateSchema`, checked before any base of the run is created. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter(NAME.name, itemIndex, '') ?? '').trim();
	if (name === '') throw new NodeOperationError(this.getNode(), `${NAME.label} is empty`, { itemIndex, description: 'Give the knowledge base a name.' });
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { [NAME.api]: name };
	if (additional[DESCRIPTION.name] !== undefined) body[DESCRIPTION.api] = String(additional[DESCRIPTION.name]);
	const items = readIdListPair(this, additional, ITEM_LISTS, itemIndex);
	if (items) body[ITEMS.api] = items;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IDataObject): Promise<IDataObject> {
	const body = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaKnowledgeBase>(
		{
			method: 'POST',
			path: '/v1/knowledge/base/',
			body,
			expect: A_KNOWLEDGE_BASE,
			lostAnswer: {
				mayHave: `Diga may have created the knowledge base "${String(body.name)}"`,
				check: `Knowledge Base → Get Many with the name "${String(body.name)}": if it is there, do not create it again.`,
			},
		},
		{ itemIndex, fields: BASE_FIELDS, notFound: { default: 'Diga could not find one of the knowledge items' } },
	);
}
