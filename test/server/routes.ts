import type { AgentRecord, PhoneRecord } from './fixtures';
import { paginate } from './pagination';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface ServerState {
	phones: PhoneRecord[];
	agents: AgentRecord[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_STATUSES = ['reserved', 'pending_verification', 'assigned', 'released', 'finished'];

export const digaError = (status: number, error_code: string, message: string): Reply => ({
	status,
	body: { status: 'error', error_code, message },
});

const invalid = (loc: Array<string | number>, msg: string, type: string) => ({ loc, msg, type });
const unprocessable = (detail: unknown[]): Reply => ({ status: 422, body: { detail } });

function uuidProblem(where: 'path' | 'query' | 'body', name: string, value: unknown) {
	return typeof value === 'string' && UUID.test(value)
		? undefined
		: invalid([where, name], 'Input should be a valid UUID', 'uuid_parsing');
}

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
		voice: { id: 'voice-1', name: 'Lucía' },
	};
}

function listPhones(state: ServerState, query: Record<string, string>): Reply {
	const problems = [
		query.inbound_agent_id !== undefined ? uuidProblem('query', 'inbound_agent_id', query.inbound_agent_id) : undefined,
		query.outbound_agent_id !== undefined ? uuidProblem('query', 'outbound_agent_id', query.outbound_agent_id) : undefined,
		query.status !== undefined && !PHONE_STATUSES.includes(query.status)
			? invalid(['query', 'status'], `Input should be ${PHONE_STATUSES.map((s) => `'${s}'`).join(', ')}`, 'enum')
			: undefined,
		...(['start_assigned_at', 'end_assigned_at'] as const).map((name) =>
			query[name] !== undefined && Number.isNaN(Date.parse(query[name]))
				? invalid(['query', name], 'Input should be a valid datetime', 'datetime_parsing')
				: undefined,
		),
	].filter(Boolean);
	if (problems.length) return unprocessable(problems);

	const from = query.start_assigned_at ? Date.parse(query.start_assigned_at) : undefined;
	const to = query.end_assigned_at ? Date.parse(query.end_assigned_at) : undefined;
	const phones = state.phones.filter((phone) => {
		const assigned = phone.assigned_at ? Date.parse(phone.assigned_at) : undefined;
		return (
			(!query.status || phone.status === query.status) &&
			(!query.inbound_agent_id || phone.inbound_agent_id === query.inbound_agent_id) &&
			(!query.outbound_agent_id || phone.outbound_agent_id === query.outbound_agent_id) &&
			(from === undefined || (assigned !== undefined && assigned >= from)) &&
			(to === undefined || (assigned !== undefined && assigned <= to))
		);
	});
	const page = paginate(phones, (phone) => phone.id, query, 20);
	return page.ok ? { status: 200, body: page.body } : { status: page.status, body: page.body };
}

function updatePhone(state: ServerState, phone: PhoneRecord, body: unknown): Reply {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return unprocessable([invalid(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')]);
	}
	const update = body as Record<string, unknown>;
	const problems = [];
	if ('nickname' in update && update.nickname !== null && typeof update.nickname !== 'string') {
		problems.push(invalid(['body', 'nickname'], 'Input should be a valid string', 'string_type'));
	}
	for (const field of ['inbound_version_id', 'outbound_version_id']) {
		if (field in update && update[field] !== null) {
			const problem = uuidProblem('body', field, update[field]);
			if (problem) problems.push(problem);
		}
	}
	if (problems.length) return unprocessable(problems);

	const agentOf = (versionId: string) => state.agents.find((a) => a.versions.some((v) => v.version_id === versionId));
	for (const field of ['inbound_version_id', 'outbound_version_id']) {
		const versionId = update[field];
		if (typeof versionId === 'string' && !agentOf(versionId)) {
			return digaError(404, 'AGENT_VERSION_NOT_FOUND', `Agent version ${versionId} not found`);
		}
	}
	if ('nickname' in update) phone.nickname = update.nickname as string | null;
	// The spec is silent on what null does; this server unassigns, and the README says so.
	if ('inbound_version_id' in update) {
		phone.inbound_agent_id = update.inbound_version_id ? agentOf(update.inbound_version_id as string)!.agent_id : null;
	}
	if ('outbound_version_id' in update) {
		phone.outbound_agent_id = update.outbound_version_id ? agentOf(update.outbound_version_id as string)!.agent_id : null;
	}
	return { status: 200, body: phone };
}

function agentRoutes(state: ServerState, method: string, parts: string[], query: Record<string, string>): Reply | undefined {
	if (method !== 'GET') return undefined;
	if (parts.length === 0) {
		const published = query.is_published === 'true';
		const agents = state.agents
			.filter((agent) => (!query.mode || agent.mode === query.mode) && (!published || agent.versions.some((v) => v.is_published)))
			.map((agent) => agentAt(agent));
		const page = paginate(agents, (agent) => agent.agent_id, query, 10);
		return page.ok ? { status: 200, body: page.body } : { status: page.status, body: page.body };
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
		const page = paginate(versions, (v) => v.version_id, query, 10);
		return page.ok ? { status: 200, body: page.body } : { status: page.status, body: page.body };
	}
	return undefined;
}

/** Answers one request the way Diga's API does, for the endpoints this package uses. */
export function route(state: ServerState, method: string, path: string, query: Record<string, string>, body: unknown): Reply {
	// FastAPI redirects the slash-less collection path.
	if (path === '/v1/phone' || path === '/v1/agent') {
		const search = new URLSearchParams(query).toString();
		return { status: 307, headers: { location: `${path}/${search ? `?${search}` : ''}` } };
	}
	const parts = path.split('/').filter(Boolean);
	if (parts[0] !== 'v1') return { status: 404, body: { detail: 'Not Found' } };

	if (parts[1] === 'agent') {
		const reply = agentRoutes(state, method, parts.slice(2), query);
		if (reply) return reply;
	}
	if (parts[1] === 'phone') {
		if (parts.length === 2 && method === 'GET') return listPhones(state, query);
		if (parts.length === 3) {
			const problem = uuidProblem('path', 'phone_id', parts[2]);
			if (problem) return unprocessable([problem]);
			const phone = state.phones.find((p) => p.id === parts[2].toLowerCase());
			if (method === 'GET' || method === 'PATCH') {
				if (!phone) return digaError(404, 'PHONE_NOT_FOUND', `Phone ${parts[2]} not found`);
				return method === 'GET' ? { status: 200, body: phone } : updatePhone(state, phone, body);
			}
		}
	}
	return { status: 405, body: { detail: 'Method Not Allowed' } };
}
