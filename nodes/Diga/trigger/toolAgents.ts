import type { IDataObject, IHookFunctions, WorkflowActivateMode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readAssignments } from '../helpers/integrationAssignments';
import { isUuid } from '../helpers/input';
import type { DigaClient } from '../transport/client';
import { isGone } from './keepGoing';
import type { NameCheck } from './toolNames';
import { refuseSameName, sameNamedTool } from './toolNames';
import type { Tool } from './toolRecords';

/** Which agents get the Diga Agent Tool Trigger's tool, and which ones it must be taken off. */

/** Activation modes in which nobody is there to fix the agent list: n8n starting, another main taking over. */
const UNATTENDED: WorkflowActivateMode[] = ['init', 'leadershipChange'];
/** Whether a person is activating (or saving, or listening), so a refusal reaches someone who can fix it. */
export const isAttended = (context: IHookFunctions) => !UNATTENDED.includes(context.getActivationMode());

/**
 * The chosen agents to give the tool: those Diga has. An agent it no longer has (404: deleted in
 * Diga, or an id of another account) is refused when a person activates or saves (they are there to
 * fix the list; nothing is written). At a restart nobody is: failing would make n8n remove the tool
 * from every agent and keep the workflow inactive, so the other agents get it and n8n's log names
 * the missing one. With none left, activation fails whatever the mode.
 */
export async function agentsToServe(context: IHookFunctions, client: DigaClient, agentIds: string[], names: NameCheck): Promise<string[]> {
	const missing: string[] = [];
	const attended = isAttended(context);
	const listed = new Map<string, Tool[]>();
	for (const agentId of agentIds) {
		const read = await readAssignments(client, agentId).catch((error: unknown) => {
			if (!isGone(error)) throw error;
			missing.push(agentId);
		});
		const holder = read && (await sameNamedTool(client, names, read.assignments, listed));
		if (!holder) continue;
		if (attended) refuseSameName(context, agentId, names.name, holder);
		context.logger.warn(`Diga Agent Tool Trigger: agent ${agentId} already has a tool called "${names.name}", from integration ${holder}; workflow ${context.getWorkflow().id ?? ''} gave it its own all the same (it did before this start).`);
	}
	const node = context.getNode();
	const fix = 'It was deleted in Diga, or belongs to another account than this credential\'s. Remove it from "Agents".';
	if (missing.length === agentIds.length) throw new NodeOperationError(node, `None of the chosen agents is in this Diga account: ${missing.join(', ')}`, { description: fix });
	if (missing.length === 0) return agentIds;
	if (attended) {
		throw new NodeOperationError(node, `Agent${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in this Diga account`, { description: fix });
	}
	for (const agentId of missing) {
		context.logger.warn(`Diga Agent Tool Trigger: agent ${agentId} is not in this Diga account; workflow ${context.getWorkflow().id ?? ''} gave its tool to the other chosen agents. ${fix}`);
	}
	return agentIds.filter((agentId) => !missing.includes(agentId));
}

/** The node's static data: the agents the last activation gave the tool to or failed to take it off (ids only, nothing secret). */
interface ServedState extends IDataObject {
	agents?: string[];
}

/**
 * The agents the last production activation gave the tool to, and those no longer chosen it could
 * not take the tool off. A later activation takes the tool off those no longer chosen (the
 * deactivation with the old list may have failed: n8n then activates the new list all the same),
 * and a deactivation off them as well as the chosen ones. Static data copied
 * with the workflow names the original's agents: the copy only ever removes its own integration.
 */
export function servedAgents(context: IHookFunctions): string[] {
	const agents = (context.getWorkflowStaticData('node') as ServedState).agents;
	return Array.isArray(agents) ? agents.filter((id): id is string => typeof id === 'string' && isUuid(id)) : [];
}

export function rememberServed(context: IHookFunctions, agentIds: string[] | undefined): void {
	const state = context.getWorkflowStaticData('node') as ServedState;
	if (agentIds === undefined) delete state.agents;
	else state.agents = agentIds;
}
