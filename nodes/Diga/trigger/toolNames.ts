import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ToolAssignment } from '../helpers/integrationAssignments';
import type { DigaClient } from '../transport/client';
import { readList } from '../transport/paginate';
import type { Integration, Tool } from './toolRecords';
import { toolsOf } from './toolRecords';

/** What tells this node's tool from another of the same name: its name, the account's integrations, this node's own. */
export interface NameCheck {
	name: string;
	integrations: Integration[];
	own: string[];
	/** The start of this node's integrations' descriptions (its workflow and node). */
	marker: string;
}

/**
 * A tool of this name that is not this node's on a chosen agent's draft: another workflow's (a
 * duplicate of this one whose Tool Name was kept) or one a person made. The model cannot tell two
 * tools of one name apart, so the agent would call either. Only HTTP integrations are looked at:
 * listing an MCP integration's tools makes Diga sync them with its server. `listed` keeps each
 * integration's tools for the next agent of the same activation.
 */
export async function sameNamedTool(client: DigaClient, names: NameCheck, assignments: ToolAssignment[], listed: Map<string, Tool[]>): Promise<string | undefined> {
	const { name, integrations, own, marker } = names;
	for (const { integrationId, toolIds } of assignments) {
		if (own.includes(integrationId) || toolIds.length === 0) continue;
		const integration = integrations.find((candidate) => String(candidate.id).toLowerCase() === integrationId);
		if (!integration || integration.integration_type !== 'HTTP') continue;
		if (!listed.has(integrationId)) listed.set(integrationId, await readList<Tool>(client, toolsOf(integration.id)));
		if (!listed.get(integrationId)!.some((tool) => tool.name === name && toolIds.includes(String(tool.id).toLowerCase()))) continue;
		const holder = `"${String(integration.name ?? integration.id)}" (${integration.id})`;
		// This workflow and node's, at another address: n8n's WEBHOOK_URL changed, or another n8n holds this workflow.
		return String(integration.description ?? '').startsWith(marker)
			? `${holder} at ${String(integration.base_url)}, made by this workflow when n8n had that address or by another n8n holding it (delete it in Diga if it is stale)`
			: holder;
	}
	return undefined;
}

export function refuseSameName(context: IHookFunctions, agentId: string, name: string, holder: string): never {
	throw new NodeOperationError(context.getNode(), `Agent ${agentId} already has a tool called "${name}", from integration ${holder}`, {
		description: 'The agent cannot tell two tools of one name apart. Give this one another Tool Name (a copied workflow keeps the original\'s), or take the other off the agent.',
	});
}
