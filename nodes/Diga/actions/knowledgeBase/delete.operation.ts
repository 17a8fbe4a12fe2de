import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import { goneAfterLostAnswer } from '../../transport/client';
import type { OperationOption, RunContext } from '../types';
import { BASE, baseLocator } from './baseFields';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a knowledge base. Not reversible.',
	action: 'Delete a knowledge base (irreversible)',
} as const satisfies OperationOption;

const FORCE = { name: 'force', api: 'force', label: 'Delete Its Items Too' } as const;

const properties: INodeProperties[] = [
	baseLocator('The knowledge base to delete'),
	{
		displayName: FORCE.label,
		name: FORCE.name,
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the base even when it still holds knowledge items, and those items with it (Diga’s force=true). Off: Diga refuses to delete a base that holds items (409), and nothing is deleted.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['delete'] } }, properties);

interface BaseDeletion {
	baseId: string;
	force: boolean;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<BaseDeletion> {
	return { baseId: readLocatorId(this, BASE.name, BASE.label, itemIndex), force: this.getNodeParameter(FORCE.name, itemIndex, false) === true };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: BaseDeletion): Promise<IDataObject> {
	const { baseId, force } = prepared ?? (await prepare.call(this, itemIndex));
	await run.client.request<unknown>(
		// After a lost answer the DELETE is sent again; a 404 then means the first one did it.
		{ method: 'DELETE', path: `/v1/knowledge/base/${baseId}`, qs: force ? { force: true } : undefined, settleAfterLostAnswer: goneAfterLostAnswer },
		{
			itemIndex,
			fields: [BASE, FORCE],
			notFound: { default: `Diga could not find knowledge base ${baseId} in this account` },
			byStatus: { 409: `Knowledge base ${baseId} still holds knowledge items: turn on "${FORCE.label}" to delete them with it` },
		},
	);
	return { id: baseId, deleted: true, force };
}
