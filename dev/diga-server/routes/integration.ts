import { randomUUID } from 'node:crypto';

import type { Reply, ResourceRoutes, ServerState } from './common';
import { forEachAssignment } from './assignments';
import { afterMcpSync } from '../mcpIntegration';
import { digaError, invalid, listPage, shownSecret, unprocessable, uuidProblem } from './common';
import type { ToolRecord } from './integrationTool';
import { toolRoutes } from './integrationTool';

/**
 * An integration as the test server keeps it: `IntegrationResponse` with its secrets (`auth_key`,
 * `headers`) and its tools. The spec's `IntegrationResponse` has `auth_key` and `headers` and does
 * not say whether Diga shows them: `ServerState.integrationSecrets` chooses (docs/spec-gaps.md).
 */
export interface IntegrationRecord {
	id: string;
	name: string;
	description: string | null;
	base_url: string;
	integration_type: 'HTTP' | 'MCP';
	auth_key: string | null;
	headers: Record<string, string> | null;
	created_at: string;
	updated_at: string;
	tools: ToolRecord[];
}

const TYPES = ['HTTP', 'MCP'];
export const integrationNotFound = (id: string) => digaError(404, 'INTEGRATION_NOT_FOUND', `Integration ${id} not found`);


/** `IntegrationResponse`. */
export function integrationView(state: ServerState, record: IntegrationRecord) {
	const { tools: _tools, ...integration } = record;
	return {
		...integration,
		auth_type: record.auth_key ? 'API_KEY' : 'NONE',
		auth_key: record.auth_key === null ? null : shownSecret(state, record.auth_key),
		headers: record.headers === null ? null : Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, shownSecret(state, value)])),
		requires_setup: false,
		source_integration_template_id: null,
	};
}

const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body);
const isHeaderMap = (value: unknown) => value === null || (isObject(value) && Object.values(value).every((v) => typeof v === 'string'));

/** `CreateIntegrationRequest` (`partial`: `UpdateIntegrationRequest`) checked as FastAPI would. */
function bodyProblems(body: unknown, partial: boolean) {
	if (!isObject(body)) return [invalid(['body'], 'Input should be a valid dictionary', 'dict_type')];
	const problems = [];
	const required = partial ? [] : ['name', 'base_url', 'integration_type'];
	for (const field of required) if (body[field] === undefined) problems.push(invalid(['body', field], 'Field required', 'missing'));
	for (const field of ['name', 'base_url']) {
		if (body[field] !== undefined && typeof body[field] !== 'string') problems.push(invalid(['body', field], 'Input should be a valid string', 'string_type'));
	}
	for (const field of ['description', 'auth_key']) {
		if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') problems.push(invalid(['body', field], 'Input should be a valid string', 'string_type'));
	}
	if (typeof body.base_url === 'string' && !/^https?:\/\/\S+$/.test(body.base_url)) problems.push(invalid(['body', 'base_url'], 'Input should be a valid URL', 'url_parsing'));
	if (!partial && body.integration_type !== undefined && !TYPES.includes(body.integration_type as string)) problems.push(invalid(['body', 'integration_type'], "Input should be 'HTTP' or 'MCP'", 'enum'));
	if (partial && body.integration_type !== undefined) problems.push(invalid(['body', 'integration_type'], 'Extra inputs are not permitted', 'extra_forbidden'));
	if (body.headers !== undefined && !isHeaderMap(body.headers)) problems.push(invalid(['body', 'headers'], 'Input should be a valid dictionary of strings', 'dict_type'));
	return problems;
}

function create(state: ServerState, body: unknown): Reply {
	const problems = bodyProblems(body, false);
	if (problems.length) return unprocessable(problems);
	const request = body as Record<string, unknown>;
	const now = new Date().toISOString();
	const record: IntegrationRecord = {
		id: randomUUID(),
		name: request.name as string,
		description: (request.description as string | null | undefined) ?? null,
		base_url: request.base_url as string,
		integration_type: request.integration_type as 'HTTP' | 'MCP',
		auth_key: (request.auth_key as string | null | undefined) ?? null,
		headers: (request.headers as Record<string, string> | null | undefined) ?? null,
		created_at: now,
		updated_at: now,
		tools: [],
	};
	const created = (): Reply => {
		state.integrations.push(record);
		return { status: 201, body: integrationView(state, record) };
	};
	// An MCP integration's tools come from its server, and its authentication is checked now: no integration when it fails.
	if (record.integration_type !== 'MCP') return created();
	return afterMcpSync(state, record, [], 'create', (tools) => {
		record.tools = tools;
		return created();
	});
}

const UPDATABLE = ['name', 'description', 'base_url', 'auth_key', 'headers'] as const;
/** What makes Diga re-sync an MCP integration's tools (the spec names `base_url` and `auth_key`; headers carry credentials too). */
const RESYNC = ['base_url', 'auth_key', 'headers'] as const;

function update(state: ServerState, record: IntegrationRecord, body: unknown): Reply {
	const problems = bodyProblems(body, true);
	if (problems.length) return unprocessable(problems);
	const request = body as Record<string, unknown>;
	const changed = { ...record, ...Object.fromEntries(UPDATABLE.filter((field) => request[field] !== undefined).map((field) => [field, request[field]])) } as IntegrationRecord;
	const apply = (): Reply => {
		Object.assign(record, changed, { tools: record.tools, updated_at: new Date().toISOString() });
		forEachAssignment(state, (assignments) => assignments.map((a) => (a.integration_id === record.id ? { ...a, integration_name: record.name } : a)));
		return { status: 200, body: integrationView(state, record) };
	};
	const resync = record.integration_type === 'MCP' && RESYNC.some((field) => JSON.stringify(changed[field]) !== JSON.stringify(record[field]));
	if (!resync) return apply();
	// A failed re-sync changes nothing; a tool the server no longer lists is gone, and so are agents' assignments of it.
	return afterMcpSync(state, changed, record.tools, 'update', (tools) => {
		const kept = new Set(tools.map((tool) => tool.id));
		record.tools = tools;
		forEachAssignment(state, (assignments) => assignments.map((a) => (a.integration_id === record.id ? { ...a, tool_ids: a.tool_ids.filter((id) => kept.has(id)) } : a)));
		return apply();
	});
}

/** `/v1/integration…`: integrations here, their tools and approvals in integrationTool.ts. */
export const integrationRoutes: ResourceRoutes = (state, method, parts, query, body) => {
	const [id, sub] = parts;
	if (!id) {
		if (method === 'POST') return create(state, body);
		if (method !== 'GET') return undefined;
		if (query.integration_type !== undefined && !TYPES.includes(query.integration_type)) {
			return unprocessable([invalid(['query', 'integration_type'], "Input should be 'HTTP' or 'MCP'", 'enum')]);
		}
		const listed = state.integrations.filter((i) => !query.integration_type || i.integration_type === query.integration_type);
		return listPage(listed.map((record) => integrationView(state, record)), (i) => i.id, query, 50);
	}
	if (id === 'template') return undefined;
	const problem = uuidProblem('path', 'integration_id', id);
	if (problem) return unprocessable([problem]);
	const record = state.integrations.find((i) => i.id === id.toLowerCase());
	if (!record) return integrationNotFound(id);
	if (sub !== undefined) return toolRoutes(state, record, method, parts.slice(1), query, body);
	if (method === 'GET') return { status: 200, body: integrationView(state, record) };
	if (method === 'PATCH') return update(state, record, body);
	if (method === 'DELETE') {
		// Its tools go with it (the spec: "cascade deletes all HTTP tools"), and so do agents' assignments of them.
		state.integrations = state.integrations.filter((i) => i !== record);
		forEachAssignment(state, (assignments) => assignments.filter((a) => a.integration_id !== record.id));
		return { status: 204 };
	}
	return undefined;
};
