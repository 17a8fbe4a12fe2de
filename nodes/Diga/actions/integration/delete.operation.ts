import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import { goneAfterLostAnswer } from '../../transport/client';
import type { OperationOption, RunContext } from '../types';
import { INTEGRATION, integrationPicker, notFound } from './integrationFields';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete an integration and all its tools; agents lose those tools. Not reversible.',
	action: 'Delete an integration and its tools (irreversible)',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [integrationPicker('The integration to delete for good, with all its tools: this cannot be undone')];

export const description = updateDisplayOptions({ show: { resource: ['integration'], operation: ['delete'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	return readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: string): Promise<IDataObject> {
	const integrationId = prepared ?? (await prepare.call(this, itemIndex));
	// After a lost answer the DELETE is sent again; a 404 then means the first one did it.
	await run.client.request<unknown>(
		{ method: 'DELETE', path: `/v1/integration/${integrationId}`, settleAfterLostAnswer: goneAfterLostAnswer },
		{ itemIndex, fields: [INTEGRATION], notFound: notFound(integrationId) },
	);
	return { id: integrationId, deleted: true };
}
