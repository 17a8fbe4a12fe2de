import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLocatorId, requireBoolean } from '../../helpers/input';
import type { DigaField } from '../../vocabulary/fields';
import type { OperationOption, RunContext } from '../types';
import { INTEGRATION, integrationPicker, notFound, TOOL, toolPicker } from './toolFields';

export const option = {
	name: 'Set Approval',
	value: 'setApproval',
	description: 'Set whether the agent asks the caller to confirm before running a tool (HTTP or MCP)',
	action: 'Set whether a tool needs the caller’s approval',
} as const satisfies OperationOption;

const APPROVAL = { name: 'approvalRequired', api: 'approval_required', label: 'Ask Before Running' } as const satisfies DigaField;

const properties: INodeProperties[] = [
	integrationPicker('The integration the tool belongs to'),
	toolPicker('The tool, HTTP or MCP'),
	{ displayName: APPROVAL.label, name: APPROVAL.name, type: 'boolean', default: true, description: 'Whether the agent asks the caller to confirm before running the tool' },
];

export const description = updateDisplayOptions({ show: { resource: ['integrationTool'], operation: ['setApproval'] } }, properties);

interface ApprovalChange {
	integrationId: string;
	toolId: string;
	approvalRequired: boolean;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<ApprovalChange> {
	return {
		integrationId: readLocatorId(this, INTEGRATION.name, INTEGRATION.label, itemIndex),
		toolId: readLocatorId(this, TOOL.name, TOOL.label, itemIndex),
		approvalRequired: requireBoolean(this, this.getNodeParameter(APPROVAL.name, itemIndex, true), APPROVAL.label, itemIndex),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext, prepared?: ApprovalChange): Promise<IDataObject> {
	const { integrationId, toolId, approvalRequired } = prepared ?? (await prepare.call(this, itemIndex));
	// Setting the same value again leaves Diga the same: an idempotent PATCH, sent again after a lost answer.
	await run.client.request<unknown>(
		{ method: 'PATCH', path: `/v1/integration/${integrationId}/tool-approval`, body: { tools: [{ tool_id: toolId, approval_required: approvalRequired }] } },
		{ itemIndex, fields: [INTEGRATION, TOOL, APPROVAL], notFound: notFound(integrationId, toolId) },
	);
	return { integration_id: integrationId, tool_id: toolId, approval_required: approvalRequired };
}
