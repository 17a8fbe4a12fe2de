import type { AgentRecord } from '../fixtures';
import type { Reply, ServerState } from './common';
import { digaError } from './common';

/** `IntegrationToolsResponse`: one integration's tools assigned to an agent version (kept under `config.integrations`). */
export interface AssignmentRecord {
	integration_id: string;
	integration_name: string;
	tool_ids: string[];
	requires_setup: boolean;
	source_integration_template_id: null;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `AgentUpdateRequest.integrations` (a list of `IntegrationToolsRequest`) checked as FastAPI would: the message, or undefined. */
export function assignmentsProblem(value: unknown): string | undefined {
	if (value === null) return undefined;
	if (!Array.isArray(value)) return 'Input should be a valid list';
	for (const entry of value) {
		if (!isObject(entry) || typeof entry.integration_id !== 'string' || !UUID.test(entry.integration_id) || !Array.isArray(entry.tool_ids)) {
			return 'Each entry needs integration_id (UUID) and tool_ids (a list of UUIDs)';
		}
		if (!entry.tool_ids.every((id) => typeof id === 'string' && UUID.test(id))) return 'tool_ids should be a list of UUIDs';
		if (Object.keys(entry).some((key) => key !== 'integration_id' && key !== 'tool_ids')) return 'Extra inputs are not permitted';
	}
	return undefined;
}

/**
 * The assignments a PATCH sets, as the agent then shows them; or Diga's error when an integration or
 * one of its tools does not exist. The spec does not say which error Diga answers: 404s with our codes
 * (docs/spec-gaps.md). `null` clears every assignment, as `[]` does.
 */
export function assignmentsFrom(state: ServerState, value: unknown): AssignmentRecord[] | Reply {
	const entries = (value ?? []) as Array<{ integration_id: string; tool_ids: string[] }>;
	const assignments: AssignmentRecord[] = [];
	for (const entry of entries) {
		const integration = state.integrations.find((i) => i.id === entry.integration_id.toLowerCase());
		if (!integration) return digaError(404, 'INTEGRATION_NOT_FOUND', `Integration ${entry.integration_id} not found`);
		const unknown = entry.tool_ids.find((id) => !integration.tools.some((tool) => tool.id === id.toLowerCase()));
		if (unknown) return digaError(404, 'TOOL_NOT_FOUND', `Tool ${unknown} not found in integration ${integration.id}`);
		assignments.push({
			integration_id: integration.id,
			integration_name: integration.name,
			tool_ids: [...new Set(entry.tool_ids.map((id) => id.toLowerCase()))],
			requires_setup: false,
			source_integration_template_id: null,
		});
	}
	return assignments;
}

/** Every version's assignments of every agent, kept in step with integrations and tools (renamed, deleted). */
export function forEachAssignment(state: ServerState, change: (assignments: AssignmentRecord[]) => AssignmentRecord[]): void {
	for (const agent of state.agents) {
		for (const version of agent.versions) {
			const assignments = version.config?.integrations as AssignmentRecord[] | undefined;
			if (assignments) version.config = { ...version.config, integrations: change(assignments) };
		}
	}
}

/** The integrations an agent version has assigned (`[]` when none), for the tool-call control. */
export function assignmentsOf(agent: AgentRecord, versionId: string): AssignmentRecord[] {
	const version = agent.versions.find((v) => v.version_id === versionId);
	return (version?.config?.integrations as AssignmentRecord[] | undefined) ?? [];
}
