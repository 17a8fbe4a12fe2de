import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import { goneAfterLostAnswer } from '../../transport/client';
import type { OperationOption, RunContext } from '../types';
import { ITEM, itemLocator, itemNotFound } from './itemFields';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a knowledge item; it leaves its base and every agent. Not reversible.',
	action: 'Delete a knowledge item (irreversible)',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [itemLocator('The knowledge item to delete')];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['delete'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	return readLocatorId(this, ITEM.name, ITEM.label, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: string): Promise<IDataObject> {
	const itemId = prepared ?? (await prepare.call(this, itemIndex));
	await run.client.request<unknown>(
		// After a lost answer the DELETE is sent again; a 404 then means the first one did it.
		{ method: 'DELETE', path: `/v1/knowledge/item/${itemId}`, settleAfterLostAnswer: goneAfterLostAnswer },
		{ itemIndex, fields: [ITEM], notFound: itemNotFound(itemId) },
	);
	return { id: itemId, deleted: true };
}
