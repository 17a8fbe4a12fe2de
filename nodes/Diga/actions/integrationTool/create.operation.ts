import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { additionalFields } from '../../descriptions/collections';
import { readLocatorId } from '../../helpers/input';
import type { DigaIntegrationTool } from '../../transport/types';
import { A_TOOL } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { DESCRIPTION, descriptionField, ENDPOINT, endpointField, INTEGRATION, integrationPicker, METHOD, methodField, NAME, nameField, notFound, readToolFields, settingFields, TOOL_FIELDS, toolParametersField } from './toolFields';
import { PARAMETERS } from './toolParameters';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Add an HTTP tool to an HTTP integration: the request an agent can make during calls',
	action: 'Create an HTTP tool in an integration',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [
	integrationPicker('The HTTP integration the tool belongs to; its Base URL comes before the tool’s path'),
	nameField(true),
	descriptionField(true),
	methodField,
	endpointField(true),
	toolParametersField,
	additionalFields(settingFields),
];

export const description = updateDisplayOptions({ show: { resource: ['integrationTool'], operation: ['create'] } }, properties);

interface ToolCreation {
	integrationId: string;
	body: IDataObject;
}

/** `CreateHttpToolRequestSchema`, checked before any tool of the run is created. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<ToolCreation> {
	const get = (name: string, fallback: IDataObject[string]) => this.getNodeParameter(name, itemIndex, fallback) as IDataObject[string];
	const fields: IDataObject = {
		[NAME.name]: get(NAME.name, ''),
		[DESCRIPTION.name]: get(DESCRIPTION.name, ''),
		[METHOD.name]: get(METHOD.name, 'POST'),
		[ENDPOINT.name]: get(ENDPOINT.name, ''),
		[PARAMETERS.name]: get(PARAMETERS.name, {}),
		...(get('additionalFields', {}) as IDataObject),
	};
	return { integrationId: readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex), body: readToolFields(this, fields, itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: ToolCreation): Promise<IDataObject> {
	const { integrationId, body } = prepared ?? (await prepare.call(this, itemIndex));
	const name = String(body.name);
	return await run.client.request<DigaIntegrationTool>(
		{
			method: 'POST',
			path: `/v1/integration/${integrationId}/tool`,
			body,
			expect: A_TOOL,
			lostAnswer: {
				mayHave: `Diga may have created the tool "${name}" in integration ${integrationId}`,
				check: `Integration Tool → Get Many of integration ${integrationId}: if a tool named "${name}" is there, do not create it again (Diga refuses a second one with that name).`,
			},
		},
		{
			itemIndex,
			fields: TOOL_FIELDS,
			notFound: notFound(integrationId),
			byErrorCode: {
				INTEGRATION_TYPE: `Integration ${integrationId} is an MCP integration: its tools come from its MCP server, add them there`,
				DUPLICATE_FIELD: `Integration ${integrationId} already has a tool named "${name}"`,
			},
		},
	);
}
