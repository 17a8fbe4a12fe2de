import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import type { ErrorContext } from '../transport/errors';
import type { DigaAgent, DigaSchemas } from '../transport/types';
import { aRecord } from '../transport/types';
import { oneAtATime } from './oneAtATime';

/** Tools of one integration, as Agent Update takes them (`IntegrationToolsRequest`). */
export interface ToolAssignment {
	integrationId: string;
	toolIds: string[];
}

/** What to change in an agent draft's tool assignments; everything else assigned stays. */
export interface AssignmentChange {
	/** Tools to assign (already assigned ones are left as they are). */
	add?: ToolAssignment[];
	/** Tools to unassign; an empty `toolIds` unassigns every tool of that integration. */
	remove?: ToolAssignment[];
}

export interface AssignmentOutcome {
	/** The draft after the change (Diga's answer to the PATCH), or as read when nothing needed changing. */
	agent: DigaAgent;
	/** The draft as read before the change. */
	read: DigaAgent;
	/** The assignments before the change, as read. */
	before: ToolAssignment[];
	after: ToolAssignment[];
	/** Whether a PATCH was sent (nothing is sent when the draft already is as asked). */
	changed: boolean;
}

type AssignmentAnswer = DigaSchemas['IntegrationToolsResponse'];
const AN_AGENT = aRecord('an agent', 'agent_id');
const lower = (id: string) => id.trim().toLowerCase();

/** The assignments in an agent answer, or `undefined` when the answer does not list them. */
function assignmentsIn(agent: DigaAgent): ToolAssignment[] | undefined {
	const listed = agent.integrations as unknown;
	if (!Array.isArray(listed)) return undefined;
	return (listed as AssignmentAnswer[]).map((entry) => ({ integrationId: lower(String(entry.integration_id)), toolIds: (entry.tool_ids ?? []).map(lower) }));
}

/** `current` with `change` applied: order kept, added tools after the integration's others, emptied entries dropped. */
export function applyAssignmentChange(current: ToolAssignment[], change: AssignmentChange): ToolAssignment[] {
	const next = current.map((entry) => ({ integrationId: lower(entry.integrationId), toolIds: entry.toolIds.map(lower) }));
	for (const { integrationId, toolIds } of change.add ?? []) {
		const id = lower(integrationId);
		let entry = next.find((candidate) => candidate.integrationId === id);
		if (!entry) next.push((entry = { integrationId: id, toolIds: [] }));
		for (const toolId of toolIds.map(lower)) if (!entry.toolIds.includes(toolId)) entry.toolIds.push(toolId);
	}
	const emptied = new Set<ToolAssignment>();
	for (const { integrationId, toolIds } of change.remove ?? []) {
		const entry = next.find((candidate) => candidate.integrationId === lower(integrationId));
		if (!entry) continue;
		const removed = toolIds.map(lower);
		entry.toolIds = removed.length ? entry.toolIds.filter((toolId) => !removed.includes(toolId)) : [];
		if (entry.toolIds.length === 0) emptied.add(entry);
	}
	// Only entries this change emptied go: an entry someone else left without tools is theirs.
	return next.filter((entry) => !emptied.has(entry));
}

/** The same tools of the same integrations, in any order. */
const canonical = (list: ToolAssignment[]) => JSON.stringify(list.map((entry) => [entry.integrationId, [...new Set(entry.toolIds)].sort()]).sort());
const same = (a: ToolAssignment[], b: ToolAssignment[]) => canonical(a) === canonical(b);

/** Diga's answer for an agent whose assignments it does not list: writing the list blind would remove them. */
function unlistedError(client: DigaClient, agentId: string, context: ErrorContext): NodeOperationError {
	return new NodeOperationError(client.node, `Diga's answer for agent ${agentId} does not list its integrations, so none were changed`, {
		itemIndex: context.itemIndex,
		description: 'Diga replaces all of an agent’s integration assignments at once; without knowing the current ones, changing them would remove the others.',
	});
}

/** The integrations and tools assigned to the agent's draft (Diga's default answer is the draft; the published version when there is none). */
export async function readAssignments(client: DigaClient, agentId: string, context: ErrorContext = {}): Promise<{ agent: DigaAgent; assignments: ToolAssignment[] }> {
	const agent = await client.request<DigaAgent>({ method: 'GET', path: `/v1/agent/${agentId}`, expect: AN_AGENT }, context);
	const assignments = assignmentsIn(agent);
	if (!assignments) throw unlistedError(client, agentId, context);
	return { agent, assignments };
}

/**
 * Reads the draft's assignments and writes them back with `change` applied, keeping every other
 * assignment (Diga's Agent Update replaces the whole list). Within one execution, changes to one
 * agent run one at a time (the client is the execution's), so two items do not undo each other.
 * Across executions nothing can lock the list: the spec offers no version check (docs/spec-gaps.md).
 * `alsoSend`: other draft fields to change in the same PATCH (Agent → Update), sent even when the
 * assignments are already as asked (they are then not sent).
 */
export async function changeAssignments(client: DigaClient, agentId: string, change: AssignmentChange, context: ErrorContext = {}, alsoSend: IDataObject = {}): Promise<AssignmentOutcome> {
	return await oneAtATime(client, `integrations ${lower(agentId)}`, async () => {
		const { agent: read, assignments: before } = await readAssignments(client, agentId, context);
		const after = applyAssignmentChange(before, change);
		const unchanged = same(before, after);
		if (unchanged && Object.keys(alsoSend).length === 0) return { agent: read, read, before, after, changed: false };
		const integrations = after.map(({ integrationId, toolIds }) => ({ integration_id: integrationId, tool_ids: toolIds }));
		const body = unchanged ? alsoSend : { ...alsoSend, integrations };
		const updated = await client.request<DigaAgent>({ method: 'PATCH', path: `/v1/agent/${agentId}`, body, expect: AN_AGENT }, context);
		const shown = assignmentsIn(updated);
		if (!unchanged && shown && !same(shown, after)) {
			throw new NodeOperationError(client.node, `Diga's answer shows other integration assignments for agent ${agentId} than were sent`, {
				itemIndex: context.itemIndex,
				description: `Sent: ${JSON.stringify(integrations)}. Diga shows: ${JSON.stringify(shown)}. Check the agent in Diga (Agent → Get).`,
			});
		}
		return { agent: updated, read, before, after, changed: !unchanged };
	});
}
