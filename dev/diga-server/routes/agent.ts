import { randomUUID } from 'node:crypto';

import type { AgentRecord } from '../fixtures';
import { assignmentsFrom, assignmentsProblem } from './assignments';
import type { Reply, ResourceRoutes, ServerState } from './common';
import { digaError, invalid, listPage, unprocessable, uuidProblem } from './common';

/** `AgentResponseSchema` for one agent at one version (the fields a client reads, plus the required ones). */
export function agentAt(agent: AgentRecord, versionId?: string) {
	const version =
		agent.versions.find((v) => v.version_id === versionId) ??
		agent.versions.find((v) => v.is_published) ??
		agent.versions[agent.versions.length - 1];
	const { voice_id: _voiceId, ...config } = version.config ?? {};
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
		// `integrations` has a default in the spec, so Diga always answers it.
		integrations: [],
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
		...config,
	};
}

const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body);
const notAnObject = () =>
	unprocessable([invalid(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type')]);

/** `PATCH /v1/agent/{agent_id}/published_version` (`PublishAgentRequest` → `PublishAgentResponse`). */
function publishVersion(state: ServerState, agent: AgentRecord, body: unknown): Reply {
	if (!isObject(body)) return notAnObject();
	const fields = ['version_id', 'inbound_phone_number_id', 'outbound_phone_number_id'] as const;
	const problems = fields.filter((field) => body[field] !== undefined && body[field] !== null).map((field) => uuidProblem('body', field, body[field]));
	if (problems.some(Boolean)) return unprocessable(problems.filter(Boolean));

	const versionId = (body.version_id as string | null | undefined) ?? null;
	const phoneOf = (field: (typeof fields)[number]) => state.phones.find((p) => p.id === body[field]);
	const badPhone = fields.slice(1).some((field) => typeof body[field] === 'string' && !phoneOf(field));
	if ((versionId && !agent.versions.some((v) => v.version_id === versionId)) || badPhone) {
		return digaError(400, 'BAD_PARAMETER', 'Invalid phone number configuration or version');
	}
	// Without a version the published one is unpublished, as the spec says.
	for (const version of agent.versions) version.is_published = version.version_id === versionId;
	const inbound = phoneOf('inbound_phone_number_id');
	const outbound = phoneOf('outbound_phone_number_id');
	if (inbound) inbound.inbound_agent_id = agent.agent_id;
	if (outbound) outbound.outbound_agent_id = agent.agent_id;
	return {
		status: 200,
		body: {
			agent_id: agent.agent_id,
			published_version_id: versionId,
			outbound_phone_number_id: outbound?.id ?? null,
			inbound_phone_number_id: inbound?.id ?? null,
		},
	};
}

/** `POST /v1/agent/{agent_id}/version` (`LaunchVersionRequest` → 201 `AgentResponseSchema`): a numbered version from the draft. */
function launchVersion(agent: AgentRecord, body: unknown): Reply {
	if (!isObject(body)) return notAnObject();
	const name = body.version_name;
	if (name !== undefined && name !== null && typeof name !== 'string') {
		return unprocessable([invalid(['body', 'version_name'], 'Input should be a valid string', 'string_type')]);
	}
	const version = {
		version_id: randomUUID(),
		version_number: Math.max(0, ...agent.versions.map((v) => v.version_number)) + 1,
		version_name: (name as string | null | undefined) ?? null,
		is_published: false,
		is_draft: false,
		created_at: new Date().toISOString(),
		...(draftOf(agent)?.config ? { config: { ...draftOf(agent)!.config } } : {}),
	};
	agent.versions.push(version);
	return { status: 201, body: agentAt(agent, version.version_id) };
}

/** `/v1/agent/...` */
export const agentRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	if (method !== 'GET') return changeAgent(state, method, parts, body);
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
				versions: agent.versions.map(({ created_at: _created, config: _config, ...item }) => item),
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
		// By default Diga answers the draft (the spec); a seeded agent without one answers its published version.
		return { status: 200, body: agentAt(agent, query.version_id ?? (query.is_published === 'true' ? undefined : draftOf(agent)?.version_id)) };
	}
	if (parts.length === 2 && parts[1] === 'version') {
		const versions = agent.versions
			.filter((v) => query.is_published !== 'true' || v.is_published)
			.map((v) => agentAt(agent, v.version_id));
		return listPage(versions, (v) => v.version_id, query, 10);
	}
	return undefined;
};

/** The writes under `/v1/agent/{agent_id}/`. */
function changeAgent(state: ServerState, method: string, parts: string[], body: unknown): Reply | undefined {
	const publish = method === 'PATCH' && parts[1] === 'published_version';
	const launch = method === 'POST' && parts[1] === 'version';
	const update = method === 'PATCH' && parts.length === 1;
	if (!update && (parts.length !== 2 || (!publish && !launch))) return undefined;
	const problem = uuidProblem('path', 'agent_id', parts[0]);
	if (problem) return unprocessable([problem]);
	const agent = state.agents.find((a) => a.agent_id === parts[0].toLowerCase());
	if (!agent) return digaError(404, 'AGENT_NOT_FOUND', `Agent ${parts[0]} not found`);
	if (update) return updateDraft(state, agent, body);
	return publish ? publishVersion(state, agent, body) : launchVersion(agent, body);
}

const draftOf = (agent: AgentRecord) => agent.versions.find((v) => v.is_draft);

export const LANGUAGES = ['es', 'en', 'multi', 'ar', 'be', 'bn', 'bs', 'bg', 'ca', 'hr', 'cs', 'da', 'nl', 'et', 'fi', 'nl-BE', 'fr', 'de', 'de-CH', 'el', 'he', 'hi', 'hu', 'id', 'it', 'ja', 'kn', 'ko', 'lv', 'lt', 'mk', 'ms', 'mr', 'no', 'fa', 'pl', 'pt', 'ro', 'ru', 'sr', 'sk', 'sl', 'sv', 'tl', 'ta', 'te', 'tr', 'uk', 'ur', 'vi'];
type Check = (value: unknown) => string | undefined;
const nullable = (check: Check): Check => (value) => (value === null ? undefined : check(value));
const isText: Check = (value) => (typeof value === 'string' ? undefined : 'Input should be a valid string');
const isInteger: Check = (value) => (Number.isInteger(value) ? undefined : 'Input should be a valid integer');
const oneOf = (allowed: string[]): Check => (value) => (allowed.includes(value as string) ? undefined : `Input should be ${allowed.map((a) => `'${a}'`).join(', ')}`);
const isUuidList: Check = (value) => (Array.isArray(value) && value.every((id) => !uuidProblem('body', 'id', id)) ? undefined : 'Input should be a valid list of UUIDs');
/** `TransferCallToolSchema` | `HangUpToolSchema` (flat, discriminated by `type`, no other fields). */
const isCallToolList: Check = (value) => {
	if (!Array.isArray(value)) return 'Input should be a valid list';
	const allowed: Record<string, string[]> = { transfer_call: ['type', 'name', 'target_number', 'description', 'transfer_type'], hang_up: ['type', 'name', 'description'] };
	for (const tool of value) {
		if (!isObject(tool) || typeof tool.name !== 'string' || !allowed[tool.type as string]) return "Each call tool needs a name and a type 'transfer_call' or 'hang_up'";
		if (Object.keys(tool).some((key) => !allowed[tool.type as string].includes(key))) return 'Extra inputs are not permitted';
	}
	return undefined;
};
/** The `AgentUpdateRequest` fields the node sends, checked as FastAPI would. */
const UPDATE_FIELDS: Record<string, Check> = {
	name: nullable(isText),
	description: nullable(isText),
	prompt: nullable(isText),
	greeting: nullable(isText),
	time_before_start: nullable((v) => (typeof v === 'number' ? undefined : 'Input should be a valid number')),
	voice_id: (v) => uuidProblem('body', 'voice_id', v)?.msg,
	volume: isInteger,
	language: oneOf(LANGUAGES),
	max_reminder_count: isInteger,
	reminder_frequency_ms: isInteger,
	reminder_messages: (v) => (Array.isArray(v) && v.every((m) => typeof m === 'string') ? undefined : 'Input should be a valid list of strings'),
	dynamic_variables: nullable((v) => (v && typeof v === 'object' && !Array.isArray(v) ? undefined : 'Input should be a valid dictionary')),
	voicemail_detection: (v) => (typeof v === 'boolean' ? undefined : 'Input should be a valid boolean'),
	voicemail_action: oneOf(['leave_message', 'hang_up']),
	voicemail_message: nullable(isText),
	knowledge_base_ids: nullable(isUuidList),
	knowledge_item_ids: nullable(isUuidList),
	background_audio: nullable(oneOf(['call_center', 'cafe', 'road_traffic', 'park', 'office', 'car_garage'])),
	phone_menu_detection: (v) => (typeof v === 'boolean' ? undefined : 'Input should be a valid boolean'),
	phone_menu_action: oneOf(['navigate', 'hang_up']),
	phone_menu_navigation_mode: oneOf(['goal', 'key_sequence']),
	phone_menu_goal: nullable(isText),
	phone_menu_key_sequence: nullable(isText),
	call_tools: nullable(isCallToolList),
	integrations: assignmentsProblem,
};

/** `PATCH /v1/agent/{agent_id}` (`AgentUpdateRequest` → `AgentResponseSchema`): changes the draft, made on first edit. */
function updateDraft(state: ServerState, agent: AgentRecord, body: unknown): Reply {
	if (!isObject(body)) return notAnObject();
	const problems = Object.entries(body)
		.filter(([field]) => UPDATE_FIELDS[field])
		.map(([field, value]) => [field, UPDATE_FIELDS[field](value)] as const)
		.filter(([, problem]) => problem)
		.map(([field, problem]) => invalid(['body', field], problem!, 'value_error'));
	if (problems.length) return unprocessable(problems);
	const voice = body.voice_id === undefined ? undefined : state.voices.find((v) => v.id === String(body.voice_id).toLowerCase());
	const outOfRange = (field: string, min: number, max = Infinity) => body[field] !== undefined && ((body[field] as number) < min || (body[field] as number) > max);
	if ((body.voice_id !== undefined && !voice) || outOfRange('volume', 0, 100) || outOfRange('max_reminder_count', 0) || outOfRange('time_before_start', 0)) {
		return digaError(400, 'BAD_PARAMETER', 'Invalid parameter value provided');
	}
	// Replaces every assignment of the draft (the spec), once all of them exist.
	const integrations = body.integrations === undefined ? undefined : assignmentsFrom(state, body.integrations);
	if (integrations && !Array.isArray(integrations)) return integrations;
	let draft = draftOf(agent);
	if (!draft) {
		draft = { version_id: randomUUID(), version_number: Math.max(0, ...agent.versions.map((v) => v.version_number)) + 1, version_name: null, is_published: false, is_draft: true, created_at: new Date().toISOString() };
		agent.versions.push(draft);
	}
	const { name, ...settings } = Object.fromEntries(Object.entries(body).filter(([field]) => UPDATE_FIELDS[field]));
	if (name !== undefined) agent.name = name as string | null;
	draft.config = { ...draft.config, ...settings, ...(voice ? { voice } : {}), ...(integrations ? { integrations } : {}) };
	return { status: 200, body: agentAt(agent, draft.version_id) };
}
