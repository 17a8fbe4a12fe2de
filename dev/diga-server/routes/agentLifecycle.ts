import { randomUUID } from 'node:crypto';

import type { AgentRecord, AgentVersionRecord } from '../fixtures';
import { PROJECT_IDS } from '../onboardingFixtures';
import { agentAt, LANGUAGES } from './agent';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, unprocessable, uuidProblem } from './common';

/** Agents made, copied and deleted: `POST /v1/agent/`, templates, duplicate, `DELETE` of agents and versions. */

const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body);
const now = () => new Date().toISOString();

function newVersion(number: number, isDraft: boolean, config: Record<string, unknown>, name: string | null = null): AgentVersionRecord {
	return { version_id: randomUUID(), version_number: number, version_name: name, is_published: false, is_draft: isDraft, created_at: now(), config: { ...config } };
}

/** A new agent: v1 and a draft of it, or (`draftOnly`) only a draft, as `POST /v1/agent/` describes. */
function addAgent(state: ServerState, name: string | null, config: Record<string, unknown>, draftOnly: boolean, versionName: string | null = null): AgentRecord {
	const versions = draftOnly ? [newVersion(1, true, config)] : [newVersion(1, false, config, versionName), newVersion(2, true, config)];
	const agent: AgentRecord = { agent_id: randomUUID(), name, mode: 'free', created_at: now(), versions };
	state.agents.push(agent);
	return agent;
}

const TEXT_FIELDS = ['name', 'description', 'prompt', 'greeting', 'version_name'];

/** `POST /v1/agent/` (`AgentRequest` → 201 `AgentResponseSchema`). */
function createAgent(state: ServerState, query: Record<string, string>, body: unknown): Reply {
	if (!isObject(body)) return unprocessable([invalid(['body'], 'Field required', 'missing')]);
	const problems = [
		body.voice_id === undefined ? invalid(['body', 'voice_id'], 'Field required', 'missing') : uuidProblem('body', 'voice_id', body.voice_id),
		body.language === undefined ? invalid(['body', 'language'], 'Field required', 'missing') : !LANGUAGES.includes(body.language as string) ? invalid(['body', 'language'], 'Input should be a valid language', 'enum') : undefined,
		...TEXT_FIELDS.map((field) => (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string' ? invalid(['body', field], 'Input should be a valid string', 'string_type') : undefined)),
		query.is_draft !== undefined && !['true', 'false'].includes(query.is_draft) ? invalid(['query', 'is_draft'], 'Input should be a valid boolean', 'bool_parsing') : undefined,
	].filter(Boolean);
	if (problems.length) return unprocessable(problems);
	const voice = state.voices.find((v) => v.id === String(body.voice_id).toLowerCase());
	if (!voice) return digaError(400, 'BAD_PARAMETER', 'Invalid parameter value provided');
	const { name = null, voice_id: _voice, version_name: versionName = null, ...settings } = body;
	const agent = addAgent(state, name as string | null, { ...settings, voice }, query.is_draft === 'true', versionName as string | null);
	return { status: 201, body: agentAt(agent, agent.versions[0].version_id) };
}

/** `<<variable>>` placeholders filled in, in every string of the template. */
function fillIn(value: unknown, variables: Record<string, unknown>): unknown {
	if (typeof value === 'string') return value.replace(/<<(\w+)>>/g, (_, name: string) => String(variables[name]));
	if (Array.isArray(value)) return value.map((entry) => fillIn(entry, variables));
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fillIn(entry, variables)]));
	return value;
}

/** `/v1/agent/template`, `/template/{id}`, `POST /template/{id}/copy`. */
function templates(state: ServerState, method: string, parts: string[], query: Record<string, string>, body: unknown): Reply | undefined {
	if (parts.length === 1 && method === 'GET') {
		const language = query.language ?? 'es'; // the spec's default
		return listPage(state.templates.filter((t) => t.language === language), (t) => t.id, query, 20);
	}
	const problem = parts[1] !== undefined ? uuidProblem('path', 'template_id', parts[1]) : undefined;
	if (problem) return unprocessable([problem]);
	const template = state.templates.find((t) => t.id === parts[1]?.toLowerCase());
	const notFound = () => digaError(404, 'AGENT_TEMPLATE_NOT_FOUND', 'Error: Agent Template Not Found');
	if (parts.length === 2 && method === 'GET') return template ? { status: 200, body: template } : notFound();
	if (parts.length !== 3 || parts[2] !== 'copy' || method !== 'POST') return undefined;
	if (!isObject(body)) return unprocessable([invalid(['body'], 'Field required', 'missing')]);
	if (body.agent_name !== undefined && body.agent_name !== null && typeof body.agent_name !== 'string') {
		return unprocessable([invalid(['body', 'agent_name'], 'Input should be a valid string', 'string_type')]);
	}
	if (body.variables !== undefined && body.variables !== null && !isObject(body.variables)) {
		return unprocessable([invalid(['body', 'variables'], 'Input should be a valid dictionary', 'dict_type')]);
	}
	if (!template) return notFound();
	const variables = (body.variables ?? {}) as Record<string, unknown>;
	if (template.variables.some((name) => variables[name] === undefined)) return digaError(400, 'AGENT_TEMPLATE_INVALID', 'Missing variable values or invalid template');
	const { name, ...settings } = fillIn(template.template, variables) as Record<string, unknown>;
	const agent = addAgent(state, (body.agent_name as string | undefined) ?? (name as string), { ...settings, source_template_id: template.id }, false);
	return { status: 201, body: agentAt(agent, agent.versions[0].version_id) };
}

/** `POST /v1/agent/{id}/duplicate` (`DuplicateAgentRequest`): a draft-only copy in the target project. */
function duplicate(state: ServerState, agent: AgentRecord, body: unknown): Reply {
	if (!isObject(body)) return unprocessable([invalid(['body'], 'Field required', 'missing')]);
	const problems = [
		body.target_project_id === undefined ? invalid(['body', 'target_project_id'], 'Field required', 'missing') : uuidProblem('body', 'target_project_id', body.target_project_id),
		body.source_version_id !== undefined && body.source_version_id !== null ? uuidProblem('body', 'source_version_id', body.source_version_id) : undefined,
		body.name !== undefined && body.name !== null && typeof body.name !== 'string' ? invalid(['body', 'name'], 'Input should be a valid string', 'string_type') : undefined,
	].filter(Boolean);
	if (problems.length) return unprocessable(problems);
	if (!Object.values(PROJECT_IDS).includes(String(body.target_project_id).toLowerCase() as never)) {
		return digaError(403, 'MISSING_PERMISSIONS', 'Missing required permissions in the target project');
	}
	const source = body.source_version_id ? agent.versions.find((v) => v.version_id === body.source_version_id) : (agent.versions.find((v) => v.is_draft) ?? agent.versions[agent.versions.length - 1]);
	if (!source) return digaError(400, 'BAD_PARAMETER', 'Agent cannot be duplicated with the requested options');
	const copy = addAgent(state, (body.name as string | null | undefined) ?? `${agent.name ?? ''} (copy)`, source.config ?? {}, true);
	return { status: 201, body: agentAt(copy, copy.versions[0].version_id) };
}

/** `DELETE /v1/agent/{id}` (409 with a published version) and `DELETE /v1/agent/{id}/version/{version_id}` (409 for the published or the draft). */
function remove(state: ServerState, agent: AgentRecord, versionId?: string): Reply {
	if (versionId === undefined) {
		if (agent.versions.some((v) => v.is_published)) return digaError(409, 'PUBLISHED_AGENT_VERSION_DELETION', `Cannot delete agent ${agent.agent_id} with published versions`);
		state.agents = state.agents.filter((a) => a !== agent);
		return { status: 204 };
	}
	const problem = uuidProblem('path', 'version_id', versionId);
	if (problem) return unprocessable([problem]);
	const version = agent.versions.find((v) => v.version_id === versionId.toLowerCase());
	if (!version) return digaError(404, 'AGENT_NOT_FOUND', `Version ${versionId} of agent ${agent.agent_id} not found`);
	if (version.is_published || version.is_draft) {
		return digaError(409, 'PUBLISHED_AGENT_VERSION_DELETION', `Cannot delete ${version.is_published ? 'published' : 'draft'} version ${version.version_id} of agent ${agent.agent_id}`);
	}
	agent.versions = agent.versions.filter((v) => v !== version);
	return { status: 204 };
}

/** The routes above, or `undefined` for agent.ts's. */
export const agentLifecycleRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	if (parts[0] === 'template') return templates(state, method, parts, query, body);
	if (parts.length === 0) return method === 'POST' ? createAgent(state, query, body) : undefined;
	const duplicating = method === 'POST' && parts.length === 2 && parts[1] === 'duplicate';
	const deleting = method === 'DELETE' && (parts.length === 1 || (parts.length === 3 && parts[1] === 'version'));
	if (!duplicating && !deleting) return undefined;
	const problem = uuidProblem('path', 'agent_id', parts[0]);
	if (problem) return unprocessable([problem]);
	const agent = state.agents.find((a) => a.agent_id === parts[0].toLowerCase());
	if (!agent) return digaError(404, 'AGENT_NOT_FOUND', `Agent ${parts[0]} not found`);
	return duplicating ? duplicate(state, agent, body) : remove(state, agent, parts[2]);
};
