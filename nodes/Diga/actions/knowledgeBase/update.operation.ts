import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { clearFieldsOption } from '../../descriptions/clearFields';
import type { Clearable } from '../../helpers/input';
import { applyClearFields, readIdListPair, readLocatorId, requireSomeField } from '../../helpers/input';
import { CLEAR_FIELDS } from '../../vocabulary/fields';
import type { DigaKnowledgeBase } from '../../transport/types';
import { A_KNOWLEDGE_BASE } from '../../transport/types';
import { updateFields } from '../../descriptions/collections';
import type { OperationOption, RunContext } from '../types';
import { BASE, BASE_FIELDS, baseLocator, baseNotFound, DESCRIPTION, descriptionField, ITEM_LISTS, ITEMS, itemsFields, NAME } from './baseFields';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Rename a knowledge base, change its description or replace its items',
	action: 'Update a knowledge base',
} as const satisfies OperationOption;

/** What Clear Fields sends: an empty field itself is never sent. */
const CLEARABLE: readonly Clearable[] = [
	{ field: DESCRIPTION, empty: '' },
	{ field: ITEMS, empty: [] },
];

const properties: INodeProperties[] = [
	baseLocator('The knowledge base to change'),
	updateFields([
		clearFieldsOption(CLEARABLE.map(({ field }) => field), 'the knowledge base (Knowledge Items: every item leaves the base; none is deleted)'),
		descriptionField,
		...itemsFields(
			'The base’s items from now on: replaces its whole list, and items left out leave the base (they are not deleted). An empty list is not sent. To add or remove a few items and keep the others, use Knowledge Base → Add Items or Remove Items.',
		),
		{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', description: 'The base’s new name' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['update'] } }, properties);

interface BaseUpdate {
	baseId: string;
	body: IDataObject;
}

/** `KnowledgeBaseUpdateSchema`: exactly the fields added and filled, checked before any base of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<BaseUpdate> {
	const baseId = readLocatorId(this, BASE.name, BASE.label, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const empty: string[] = [];
	if (fields[NAME.name] !== undefined) {
		const name = String(fields[NAME.name] ?? '').trim();
		if (name === '') throw new NodeOperationError(this.getNode(), `${NAME.label} is empty`, { itemIndex, description: 'A knowledge base needs a name; remove the field to keep the current one.' });
		body[NAME.api] = name;
	}
	const text = fields[DESCRIPTION.name];
	// An empty description is not sent (Clear Fields empties it); an expression's null still is.
	if (text === null) body[DESCRIPTION.api] = null;
	else if (text !== undefined && String(text).trim() === '') empty.push(DESCRIPTION.label);
	else if (text !== undefined) body[DESCRIPTION.api] = String(text);
	const items = readIdListPair(this, fields, ITEM_LISTS, itemIndex);
	if (items) body[ITEMS.api] = items;
	else if (fields[ITEMS.name] !== undefined || fields[ITEM_LISTS.typed.name] !== undefined) empty.push(ITEMS.label);
	applyClearFields(this, body, fields[CLEAR_FIELDS.name], CLEARABLE, itemIndex);
	return { baseId, body: requireSomeField(this, body, [NAME, DESCRIPTION, ITEMS, ITEM_LISTS.typed], itemIndex, empty) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: BaseUpdate): Promise<IDataObject> {
	const { baseId, body } = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaKnowledgeBase>(
		{ method: 'PATCH', path: `/v1/knowledge/base/${baseId}`, body, expect: A_KNOWLEDGE_BASE },
		{ itemIndex, fields: BASE_FIELDS, notFound: baseNotFound(baseId) },
	);
}
