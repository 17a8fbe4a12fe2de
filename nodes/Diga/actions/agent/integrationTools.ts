import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { integrationLocator, integrationToolLocator } from '../../descriptions/resourceLocators';
import { locatorValue, requireUuid } from '../../helpers/input';
import type { AssignmentChange, ToolAssignment } from '../../helpers/integrationAssignments';
import { changeAssignments } from '../../helpers/integrationAssignments';
import type { ErrorContext } from '../../transport/errors';
import type { DigaField } from '../../vocabulary/fields';
import type { RunContext } from '../types';

/**
 * Agent → Update's integration tools: tools to add to and remove from the draft, every other
 * assignment kept (Diga's `integrations` replaces the whole list, so it is read first:
 * helpers/integrationAssignments.ts). Kept apart from update.operation.ts, which only wires it in.
 */
export const INTEGRATION_TOOLS = { name: 'integrationTools', api: 'integrations', label: 'Integration Tools' } as const satisfies DigaField;
const INTEGRATION = { name: 'integrationId', label: 'Integration' } as const;
const TOOL = { name: 'toolId', label: 'Tool' } as const;

const entry = (verb: string): INodeProperties[] => [
	{ ...integrationLocator(INTEGRATION, `The integration whose tool to ${verb}`), required: true },
	{ ...integrationToolLocator(TOOL, `The tool to ${verb}, by its Diga ID (pick the integration first)`), required: true },
];

export const integrationToolProperties: INodeProperties[] = [
	{
		displayName: INTEGRATION_TOOLS.label,
		name: INTEGRATION_TOOLS.name,
		type: 'fixedCollection',
		placeholder: 'Add or Remove a Tool',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Integration tools to give the draft or take from it. Every other tool the agent has stays.',
		options: [
			{ displayName: 'Add Tool', name: 'add', values: entry('add') },
			{ displayName: 'Remove Tool', name: 'remove', values: entry('remove') },
		],
	},
];

/** The tools of one list (`add` or `remove`), checked, grouped by integration. */
function readEntries(context: IExecuteFunctions, entries: unknown, list: string, itemIndex: number): ToolAssignment[] {
	if (entries === undefined) return [];
	if (!Array.isArray(entries)) throw new NodeOperationError(context.getNode(), `${INTEGRATION_TOOLS.label} → ${list} must be a list`, { itemIndex });
	const grouped: ToolAssignment[] = [];
	for (const [position, raw] of (entries as IDataObject[]).entries()) {
		const where = `${INTEGRATION_TOOLS.label} → ${list} ${position + 1}`;
		const integrationId = requireUuid(context, locatorValue(raw?.[INTEGRATION.name]).value, `${where}: ${INTEGRATION.label}`, itemIndex).toLowerCase();
		const toolId = requireUuid(context, locatorValue(raw?.[TOOL.name]).value, `${where}: ${TOOL.label}`, itemIndex).toLowerCase();
		const group = grouped.find((g) => g.integrationId === integrationId);
		if (group) group.toolIds.push(toolId);
		else grouped.push({ integrationId, toolIds: [toolId] });
	}
	return grouped;
}

/** The change the user asked for, or `undefined` when the field is absent or empty (nothing to change). */
export function readToolChange(context: IExecuteFunctions, itemIndex: number): AssignmentChange | undefined {
	const raw = context.getNodeParameter(INTEGRATION_TOOLS.name, itemIndex, {}) as { add?: unknown; remove?: unknown };
	const add = readEntries(context, raw?.add, 'Add Tool', itemIndex);
	const remove = readEntries(context, raw?.remove, 'Remove Tool', itemIndex);
	const both = add.flatMap((a) => a.toolIds).find((toolId) => remove.some((r) => r.toolIds.includes(toolId)));
	if (both) throw new NodeOperationError(context.getNode(), `${INTEGRATION_TOOLS.label}: tool ${both} is both added and removed`, { itemIndex, description: 'Keep it in one of the two lists.' });
	return add.length || remove.length ? { add, remove } : undefined;
}

/**
 * The draft with `fields` changed and the tools added and removed, in one PATCH after reading the
 * draft; the draft before the change as `previous` when asked (it was read anyway: no extra request).
 */
export async function updateDraftAndTools(
	run: RunContext,
	update: { agentId: string; body: IDataObject; tools: AssignmentChange },
	includePrevious: boolean,
	context: ErrorContext,
): Promise<IDataObject> {
	const outcome = await changeAssignments(run.client, update.agentId, update.tools, { ...context, fields: [...(context.fields ?? []), INTEGRATION_TOOLS] }, update.body);
	return includePrevious ? { ...outcome.agent, previous: outcome.read } : outcome.agent;
}
