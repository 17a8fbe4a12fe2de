import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import type { DigaIntegrationTool } from '../../transport/types';
import { A_TOOL } from '../../transport/types';
import type { OperationOption, RunContext } from '../types';
import { INTEGRATION, integrationPicker, notFound, TOOL, toolPicker } from './toolFields';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get one tool of an integration with its parameters (header values are never shown)',
	action: 'Get a tool of an integration',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [integrationPicker('The integration the tool belongs to'), toolPicker('The tool to get, by its Diga ID')];

export const description = updateDisplayOptions({ show: { resource: ['integrationTool'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const integrationId = readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex);
	const toolId = readLocatorId(this, TOOL.name, TOOL.label, itemIndex);
	return await run.client.request<DigaIntegrationTool>(
		{ method: 'GET', path: `/v1/integration/${integrationId}/tool/${toolId}`, expect: A_TOOL },
		{ itemIndex, fields: [INTEGRATION, TOOL], notFound: notFound(integrationId, toolId) },
	);
}
