import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import type { DigaIntegration } from '../../transport/types';
import { AN_INTEGRATION } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { INTEGRATION, integrationPicker, notFound } from './integrationFields';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get an integration: its type, base URL and whether it has an auth key (never the key)',
	action: 'Get an integration',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [integrationPicker('The integration to get, by its Diga ID')];

export const description = updateDisplayOptions({ show: { resource: ['integration'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const integrationId = readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex);
	return await run.client.request<DigaIntegration>(
		{ method: 'GET', path: `/v1/integration/${integrationId}`, expect: AN_INTEGRATION },
		{ itemIndex, fields: [INTEGRATION], notFound: notFound(integrationId) },
	);
}
