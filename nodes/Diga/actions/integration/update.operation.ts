import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateFields } from '../../descriptions/collections';
import { readLocatorId, requireSomeField } from '../../helpers/input';
import type { DigaIntegration } from '../../transport/types';
import { AN_INTEGRATION } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { BASE_URL, baseUrlField, INTEGRATION, INTEGRATION_FIELDS, integrationPicker, NAME, notFound, optionalFields, readBaseUrl, readName, readOptionalFields } from './integrationFields';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Rename an integration or change its base URL, auth key or headers (an MCP server’s tools are read again)',
	action: 'Update an integration',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	integrationPicker('The integration to change'),
	updateFields([
		...optionalFields,
		{ ...baseUrlField(false) },
		{ displayName: NAME.label, name: NAME.name, type: 'string', default: '', description: 'The integration’s new name' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['integration'], operation: ['update'] } }, properties);

interface IntegrationUpdate {
	integrationId: string;
	body: IDataObject;
}

/** `UpdateIntegrationRequest`: exactly the fields added, checked before any integration of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IntegrationUpdate> {
	const integrationId = readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = readOptionalFields(this, fields, itemIndex);
	if (fields[NAME.name] !== undefined) body[NAME.api] = readName(this, fields[NAME.name], itemIndex);
	if (fields[BASE_URL.name] !== undefined) body[BASE_URL.api] = readBaseUrl(this, fields[BASE_URL.name], itemIndex);
	return { integrationId, body: requireSomeField(this, body, INTEGRATION_FIELDS.slice(1), itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: IntegrationUpdate): Promise<IDataObject> {
	const { integrationId, body } = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaIntegration>(
		{ method: 'PATCH', path: `/v1/integration/${integrationId}`, body, expect: AN_INTEGRATION },
		{ itemIndex, fields: INTEGRATION_FIELDS, notFound: notFound(integrationId), byErrorCode: {
				M_C_P_AUTHENTICATION_FAILED: 'The MCP server did not accept the new Auth Key or headers',
				M_C_P_SERVER_ERROR: 'Diga could not re-sync the MCP server’s tools: it could not be reached or answered with an error',
				M_C_P_CONNECTION_TIMEOUT: 'Diga could not re-sync the MCP server’s tools: it did not answer in time',
			},
		},
	);
}
