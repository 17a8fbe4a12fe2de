import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isUuid } from '../helpers/input';
import { DigaClient, MAX_PAGE_SIZE } from '../transport/client';
import type { DigaAgent, DigaAgentVersions, DigaPhone } from '../transport/types';
import { phoneLabel, versionLabel } from './labels';

function matches(filter: string | undefined, ...texts: Array<string | null | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

/**
 * One screenful of a Diga list, filtered here because the API has no search parameter.
 * With a filter it reads on until a page's worth of matches or the end, so that matches
 * beyond the first page are still found; the cursor lets n8n ask for more.
 */
async function searchList<T>(
	context: ILoadOptionsFunctions,
	path: string,
	toResult: (record: T) => INodeListSearchItems,
	isMatch: (record: T) => boolean,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await DigaClient.create(context);
	const results: INodeListSearchItems[] = [];
	let after = paginationToken || undefined;
	for (;;) {
		const page = await client.page<T>(path, {}, after);
		results.push(...page.data.filter(isMatch).map(toResult));
		after = page.has_more && page.last_id ? page.last_id : undefined;
		if (!after || results.length >= MAX_PAGE_SIZE) break;
	}
	return { results, paginationToken: after };
}

export async function searchPhones(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList<DigaPhone>(
		this,
		'/v1/phone/',
		(phone) => ({ name: phoneLabel(phone), value: phone.id }),
		(phone) => matches(filter, phone.number, phone.nickname, phone.id),
		paginationToken,
	);
}

/** The agent chosen in the node's Agent field, when it is a plain id (not an expression). */
function chosenAgentId(context: ILoadOptionsFunctions): string | undefined {
	const raw = context.getCurrentNodeParameter('agentId') as unknown;
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	return typeof value === 'string' && isUuid(value.trim()) ? value.trim().toLowerCase() : undefined;
}

/**
 * Agent versions, from the dashboard's dropdown endpoint (not paginated): those of the agent
 * chosen in the node's Agent field, or every agent's where the node has none.
 */
export async function searchAgentVersions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const onlyAgent = chosenAgentId(this);
	const client = await DigaClient.create(this);
	const agents = await client.request<DigaAgentVersions[]>({
		method: 'GET',
		path: '/v1/agent/versions-dropdown/dashboard',
	});
	const results: INodeListSearchItems[] = [];
	for (const agent of Array.isArray(agents) ? agents : []) {
		if (onlyAgent && agent.agent_id !== onlyAgent) continue;
		for (const version of agent.versions ?? []) {
			const name = versionLabel(agent.name, version);
			if (matches(filter, name, version.version_id, agent.agent_id)) {
				results.push({ name, value: version.version_id });
			}
		}
	}
	return { results };
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList<DigaAgent>(
		this,
		'/v1/agent/',
		(agent) => ({ name: agent.name || `Unnamed agent ${agent.agent_id}`, value: agent.agent_id }),
		(agent) => matches(filter, agent.name, agent.agent_id),
		paginationToken,
	);
}
