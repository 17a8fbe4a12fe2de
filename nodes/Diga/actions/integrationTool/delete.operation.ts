import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId } from '../../helpers/input';
import { goneAfterLostAnswer } from '../../transport/client';
import type { OperationOption, RunContext } from '../types';
import { INTEGRATION, integrationPicker, notFound, TOOL, toolPicker } from './toolFields';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete an HTTP tool; agents that have it lose it. Not reversible.',
	action: 'Delete an HTTP tool of an integration (irreversible)',
} as const satisfies OperationOption;

const properties: INodeProperties[] = [integrationPicker('The integration the tool belongs to'), toolPicker('The HTTP tool to delete for good: this cannot be undone')];

export const description = updateDisplayOptions({ show: { resource: ['integrationTool'], operation: ['delete'] } }, properties);

interface ToolDeletion {
	integrationId: string;
	toolId: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<ToolDeletion> {
	return { integrationId: readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex), toolId: readLocatorId(this, TOOL.name, TOOL.label, itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: ToolDeletion): Promise<IDataObject> {
	const { integrationId, toolId } = prepared ?? (await prepare.call(this, itemIndex));
	// After a lost answer the DELETE is sent again; a 404 then means the first one did it.
	await run.client.request<unknown>(
		{ method: 'DELETE', path: `/v1/integration/${integrationId}/tool/${toolId}`, settleAfterLostAnswer: goneAfterLostAnswer },
		{
			itemIndex,
			fields: [INTEGRATION, TOOL],
			notFound: notFound(integrationId, toolId),
			byErrorCode: { INTEGRATION_TYPE: `Integration ${integrationId} is an MCP integration: its tools are removed on its MCP server` },
		},
	);
	return { integration_id: integrationId, id: toolId, deleted: true };
}
