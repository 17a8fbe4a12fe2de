import type { AgentRecord } from '../fixtures';
import type { ResourceRoutes } from './common';
import { digaError, listPage, unprocessable, uuidProblem } from './common';

/** `AgentResponseSchema` for one agent at one version (the fields a client reads, plus the required ones). */
function agentAt(agent: AgentRecord, versionId?: string) {
	const version =
		agent.versions.find((v) => v.version_id === versionId) ??
		agent.versions.find((v) => v.is_published) ??
		agent.versions[agent.versions.length - 1];
	return {
		agent_id: agent.agent_id,
		name: agent.name,
		description: null,
		mode: agent.mode,
		created_at: agent.created_at,
		modified_at: version.created_at,
		version_id: version.version_id,
		version_number: version.version_number,
		version_name: version.version_name,
		version_created_at: version.created_at,
		is_published: version.is_published,
		is_draft: version.is_draft,
		language: 'es',
		voice: {
			id: 'd0000000-0001-4000-8000-000000000001',
			name: 'Lucía',
			provider: 'elevenlabs',
			provider_voice_id: 'lucia-es-001',
			preview_urls: null,
			gender: 'female',
			is_favourite: false,
		},
	};
}

/** `/v1/agent/...` */
export const agentRoutes: ResourceRoutes = (state, method, parts, query) => {
	if (method !== 'GET') return undefined;
	if (parts.length === 0) {
		const published = query.is_published === 'true';
		const agents = state.agents
			.filter((agent) => (!query.mode || agent.mode === query.mode) && (!published || agent.versions.some((v) => v.is_published)))
			.map((agent) => agentAt(agent));
		return listPage(agents, (agent) => agent.agent_id, query, 10, 'diga');
	}
	if (parts[0] === 'versions-dropdown' && parts[1] === 'dashboard' && parts.length === 2) {
		return {
			status: 200,
			body: state.agents.map((agent) => ({
				agent_id: agent.agent_id,
				name: agent.name,
				versions: agent.versions.map(({ created_at: _created, ...item }) => item),
			})),
		};
	}
	const problem = uuidProblem('path', 'agent_id', parts[0]);
	if (problem) return unprocessable([problem]);
	const agent = state.agents.find((a) => a.agent_id === parts[0].toLowerCase());
	if (!agent) return digaError(404, 'AGENT_NOT_FOUND', `Agent ${parts[0]} not found`);

	if (parts.length === 1) {
		if (query.version_id && query.is_published === 'true') {
			return digaError(400, 'BAD_PARAMETER', 'Cannot specify both version_id and is_published parameters together');
		}
		if (query.version_id) {
			const versionProblem = uuidProblem('query', 'version_id', query.version_id);
			if (versionProblem) return unprocessable([versionProblem]);
			if (!agent.versions.some((v) => v.version_id === query.version_id)) {
				return digaError(404, 'AGENT_VERSION_NOT_FOUND', `Version ${query.version_id} of agent ${agent.agent_id} not found`);
			}
		}
		return { status: 200, body: agentAt(agent, query.version_id) };
	}
	if (parts.length === 2 && parts[1] === 'version') {
		const versions = agent.versions
			.filter((v) => query.is_published !== 'true' || v.is_published)
			.map((v) => agentAt(agent, v.version_id));
		return listPage(versions, (v) => v.version_id, query, 10);
	}
	return undefined;
};
