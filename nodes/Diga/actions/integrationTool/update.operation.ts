import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { updateFields } from '../../descriptions/collections';
import { readLocatorId, requireSomeField } from '../../helpers/input';
import type { DigaIntegrationTool } from '../../transport/types';
import { A_TOOL } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { descriptionField, endpointField, INTEGRATION, integrationPicker, methodField, nameField, notFound, readToolFields, settingFields, TOOL, TOOL_FIELDS, toolParametersField, toolPicker } from './toolFields';
import { PARAMETERS } from './toolParameters';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Change an HTTP tool: its name, description, request, parameters or settings',
	action: 'Update an HTTP tool of an integration',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	integrationPicker('The integration the tool belongs to'),
	toolPicker('The HTTP tool to change'),
	updateFields([
		...settingFields,
		endpointField(false),
		methodField,
		{ ...toolParametersField, description: 'The tool’s parameters from now on: replaces all of them (query, body and path)' },
		descriptionField(false),
		nameField(false),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['integrationTool'], operation: ['update'] } }, properties);

interface ToolUpdate {
	integrationId: string;
	toolId: string;
	body: IDataObject;
}

/** `UpdateHttpToolRequestSchema`: exactly the fields added, checked before any tool of the run is changed. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<ToolUpdate> {
	const integrationId = readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex);
	const toolId = readLocatorId(this, TOOL.name, TOOL.label, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const parameters = (fields[PARAMETERS.name] as { parameter?: unknown[] } | undefined)?.parameter;
	// An added but empty list would remove every parameter: that is not done by leaving a field empty.
	if (fields[PARAMETERS.name] !== undefined && !parameters?.length) {
		throw new NodeOperationError(this.getNode(), `${PARAMETERS.label} is empty`, { itemIndex, description: 'Add the parameters the tool should have (they replace the current ones), or remove the field to keep them.' });
	}
	return { integrationId, toolId, body: requireSomeField(this, readToolFields(this, fields, itemIndex), TOOL_FIELDS.slice(2), itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: ToolUpdate): Promise<IDataObject> {
	const { integrationId, toolId, body } = prepared ?? (await prepare.call(this, itemIndex));
	return await run.client.request<DigaIntegrationTool>(
		{ method: 'PATCH', path: `/v1/integration/${integrationId}/tool/${toolId}`, body, expect: A_TOOL },
		{
			itemIndex,
			fields: TOOL_FIELDS,
			notFound: notFound(integrationId, toolId),
			byErrorCode: {
				INTEGRATION_TYPE: `Integration ${integrationId} is an MCP integration: its tools are changed on its MCP server`,
				DUPLICATE_FIELD: `Integration ${integrationId} already has another tool named "${String(body.name)}"`,
			},
		},
	);
}
