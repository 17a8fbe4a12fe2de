import type { IDataObject } from 'n8n-workflow';

import type { DigaClient } from '../transport/client';
import { aRecord } from '../transport/types';

/** One integration's tools on an agent (`IntegrationToolsRequest`). */
export interface Assignment {
	integration_id: string;
	tool_ids: string[];
}

const agentPath = (agentId: string) => `/v1/agent/${agentId}`;
const notFound = (agentId: string) => ({ notFound: { default: `Diga could not find agent ${agentId} in this account` } });

/** The integrations and tools an agent's draft has. */
export async function readAssignments(client: DigaClient, agentId: string): Promise<Assignment[]> {
	const agent = await client.request<IDataObject>({ method: 'GET', path: agentPath(agentId), expect: aRecord('an agent', 'agent_id') }, notFound(agentId));
	const list = Array.isArray(agent.integrations) ? (agent.integrations as IDataObject[]) : [];
	return list.map((entry) => ({ integration_id: String(entry.integration_id), tool_ids: Array.isArray(entry.tool_ids) ? entry.tool_ids.map(String) : [] }));
}

/**
 * Writes the draft's assignments with `integrationId` set to `toolIds` (none: removed) and every
 * other assignment as read just before: Diga's `integrations` replaces the whole list. Returns
 * whether the draft changed (nothing is sent when it would not).
 */
export async function setIntegrationTools(client: DigaClient, agentId: string, integrationId: string, toolIds: string[]): Promise<boolean> {
	const current = await readAssignments(client, agentId);
	const mine = current.find((a) => a.integration_id === integrationId);
	const same = toolIds.length === 0 ? !mine : !!mine && mine.tool_ids.length === toolIds.length && toolIds.every((id) => mine.tool_ids.includes(id));
	if (same) return false;
	const others = current.filter((a) => a.integration_id !== integrationId);
	const integrations = toolIds.length ? [...others, { integration_id: integrationId, tool_ids: toolIds }] : others;
	await client.request({ method: 'PATCH', path: agentPath(agentId), body: { integrations }, expect: aRecord('an agent', 'agent_id') }, notFound(agentId));
	return true;
}
