import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readIdList, readLocatorId, requireSomeField } from '../../helpers/input';
import type { DigaKnowledgeBase } from '../../transport/types';
import { A_KNOWLEDGE_BASE } from '../../transport/types';
import { updateFields } from '../../descriptions/collections';
import type { OperationOption, RunContext } from '../types';
import { BASE, BASE_FIELDS, baseLocator, DESCRIPTION, descriptionField, ITEMS, itemsField, NAME } from './baseFields';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Rename a knowledge base, change its description or its items',
	action: 'Update a knowledge base',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	baseLocator('The knowledge base to change'),
	updateFields([
		descriptionField,
		itemsField('The base’s items from now on: replaces its list. Items left out leave the base (they are not deleted).'),
		{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', description: 'The base’s new name' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['update'] } }, properties);

interface BaseUpdate {
	baseId: string;
	body: IDataObject;
}

/** `KnowledgeBaseUpdateSchema`: exactly the fields added, checked before any base of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<BaseUpdate> {
	const baseId = readLocatorId(this, BASE.name, BASE.label, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields[NAME.name] !== undefined) {
		const name = String(fields[NAME.name]).trim();
		if (name === '') throw new NodeOperationError(this.getNode(), `${NAME.label} is empty`, { itemIndex, description: 'A knowledge base needs a name; remove the field to keep the current one.' });
		body[NAME.api] = name;
	}
	if (fields[DESCRIPTION.name] !== undefined) body[DESCRIPTION.api] = fields[DESCRIPTION.name] === null ? null : String(fields[DESCRIPTION.name]);
	if (fields[ITEMS.name] !== undefined) body[ITEMS.api] = readIdList(this, fields[ITEMS.name], ITEMS.label, itemIndex);
	return { baseId, body: requireSomeField(this, body, [NAME, DESCRIPTION, ITEMS], itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: BaseUpdate): Promise<IDataObject> {
	const { baseId, body } = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaKnowledgeBase>(
		{ method: 'PATCH', path: `/v1/knowledge/base/${baseId}`, body, expect: A_KNOWLEDGE_BASE },
		{
			itemIndex,
			fields: BASE_FIELDS,
			notFound: {
				default: `Diga could not find knowledge base ${baseId} or one of the knowledge items`,
				KNOWLEDGE_BASE_NOT_FOUND: `Diga could not find knowledge base ${baseId} in this account`,
				KNOWLEDGE_ITEM_NOT_FOUND: 'Diga could not find one of the knowledge items',
			},
		},
	);
}
