import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isUuid } from '../helpers/input';
import { DigaClient } from '../transport/client';
import { MAX_PAGE_SIZE, PageReader, PROJECT_PAGE_SIZE, VOICE_PAGE_SIZE } from '../transport/paginate';
import type { DigaAgent, DigaAgentTemplate, DigaAgentVersions, DigaIntegration, DigaIntegrationTool, DigaKnowledgeBase, DigaKnowledgeItem, DigaPhone, DigaProject, DigaVoice } from '../transport/types';
import { isRecord } from '../transport/types';
import { knowledgeItemLabel, phoneLabel, versionLabel, voiceLabel } from './labels';

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
async function searchList<T extends IDataObject>(
	context: ILoadOptionsFunctions,
	path: string,
	toResult: (record: T) => INodeListSearchItems,
	isMatch: (record: T) => boolean,
	paginationToken?: string,
	qs?: IDataObject,
	pageSize = MAX_PAGE_SIZE,
): Promise<INodeListSearchResult> {
	const client = await DigaClient.create(context);
	const reader = new PageReader<T>(client, { path, qs });
	const results: INodeListSearchItems[] = [];
	let after = paginationToken || undefined;
	for (;;) {
		const { records, next } = await reader.next(after, pageSize);
		results.push(...records.filter(isMatch).map(toResult));
		after = next;
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

/** `AgentWithVersionsDropdownResponse[]`: records whose `versions` are records. */
function isAgentVersionsList(body: unknown): body is DigaAgentVersions[] {
	return (
		Array.isArray(body) &&
		body.every((agent) => isRecord(agent) && Array.isArray(agent.versions) && agent.versions.every(isRecord))
	);
}

/** The id chosen in one of the node's pickers, when it is a plain id (not an expression). */
function chosenId(context: ILoadOptionsFunctions, parameter: string): string | undefined {
	let raw: unknown;
	try {
		raw = context.getCurrentNodeParameter(parameter) as unknown;
	} catch {
		return undefined; // `&name`: there is no such field next to this one
	}
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	return typeof value === 'string' && isUuid(value.trim()) ? value.trim().toLowerCase() : undefined;
}

/** The agent chosen in the node's Agent field, when it is a plain id (not an expression). */
const chosenAgentId = (context: ILoadOptionsFunctions) => chosenId(context, 'agentId');

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
		expect: { what: 'a list of agents with their versions', is: isAgentVersionsList },
	});
	const results: INodeListSearchItems[] = [];
	for (const agent of agents) {
		if (onlyAgent && agent.agent_id !== onlyAgent) continue;
		for (const version of agent.versions) {
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

/** Diga's voices, searched by Diga itself (`search`), a page of 50 at a time. */
export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await DigaClient.create(this);
	const search = filter?.trim() || undefined;
	const reader = new PageReader<DigaVoice>(client, { path: '/v1/voice/', qs: { search } });
	const { records, next } = await reader.next(paginationToken || undefined, VOICE_PAGE_SIZE);
	return { results: records.map((voice) => ({ name: voiceLabel(voice), value: voice.id })), paginationToken: next };
}

/** Knowledge bases, searched by Diga itself (`name`: case-insensitive, partial). */
export async function searchKnowledgeBases(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await DigaClient.create(this);
	const reader = new PageReader<DigaKnowledgeBase>(client, { path: '/v1/knowledge/base/', qs: { name: filter?.trim() || undefined } });
	const { records, next } = await reader.next(paginationToken || undefined);
	return { results: records.map((base) => ({ name: base.name, value: base.id })), paginationToken: next };
}

/** Knowledge items, searched by Diga itself (`name`: case-insensitive, partial), labelled with their kind. */
export async function searchKnowledgeItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await DigaClient.create(this);
	const reader = new PageReader<DigaKnowledgeItem>(client, { path: '/v1/knowledge/item/', qs: { name: filter?.trim() || undefined } });
	const { records, next } = await reader.next(paginationToken || undefined);
	return { results: records.map((item) => ({ name: knowledgeItemLabel(item), value: item.id })), paginationToken: next };
}

/** Integrations (HTTP and MCP), filtered here by name: Diga's list has no search parameter. */
export async function searchIntegrations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList<DigaIntegration>(
		this,
		'/v1/integration',
		(integration) => ({ name: `${integration.name} (${String(integration.integration_type)})`, value: integration.id }),
		(integration) => matches(filter, integration.name, integration.id),
		paginationToken,
	);
}

/**
 * The tools of the integration chosen next to the picker (in the same list entry, `&integrationId`,
 * or the node's Integration field); none until one is chosen. MCP tools Diga has no id for are left out.
 */
export async function searchIntegrationTools(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const integrationId = chosenId(this, '&integrationId') ?? chosenId(this, 'integrationId');
	if (!integrationId) return { results: [] };
	return await searchList<DigaIntegrationTool>(
		this,
		`/v1/integration/${integrationId}/tool`,
		(tool) => ({ name: String(tool.name), value: String(tool.id) }),
		(tool) => typeof tool.id === 'string' && matches(filter, String(tool.name), tool.id),
		paginationToken,
	);
}

/** The language the node's Template Language field names, when it is a plain value (Diga lists Spanish templates without one). */
function chosenTemplateLanguage(context: ILoadOptionsFunctions): string | undefined {
	const value = context.getCurrentNodeParameter('templateLanguage') as unknown;
	return typeof value === 'string' && /^[a-z]{2,5}(-[A-Z]{2})?$/.test(value) ? value : undefined;
}

/** Diga's agent templates in the chosen language, filtered here by name (the list has no search parameter). */
export async function searchAgentTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList<DigaAgentTemplate>(
		this,
		'/v1/agent/template',
		(template) => ({ name: `${template.name} (${template.language})`, value: template.id }),
		(template) => matches(filter, template.name, template.description, template.id),
		paginationToken,
		{ language: chosenTemplateLanguage(this) },
	);
}

/** The projects the key's user is a member of, filtered here by name. */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList<DigaProject>(
		this,
		'/v1/project/',
		(project) => ({ name: project.name, value: project.id }),
		(project) => matches(filter, project.name, project.id),
		paginationToken,
		{},
		PROJECT_PAGE_SIZE,
	);
}
