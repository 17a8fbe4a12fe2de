import { randomUUID } from 'node:crypto';

import type { Reply, ServerState } from './common';
import { forEachAssignment } from './assignments';
import { digaError, invalid, listPage, shownSecret, unprocessable, uuidProblem } from './common';
import type { IntegrationRecord } from './integration';

/** One parameter of an HTTP tool (`QueryParamSchema`, `BodyParamSchema`, `PathParamSchema`). */
export interface ToolParameter {
	name: string;
	data_type?: 'string' | 'integer' | 'number' | 'boolean' | 'object';
	description?: string | null;
	required?: boolean;
	value_source?: 'llm' | 'fixed' | 'dynamic';
	fixed_value?: string | number | boolean | null;
	properties?: ToolParameter[] | null;
}

/** `HttpToolResponseSchema`, as stored (headers unmasked). */
export interface HttpToolRecord {
	id: string;
	type: 'HTTP';
	name: string;
	description: string | null;
	endpoint_path: string | null;
	query: ToolParameter[];
	body: ToolParameter[];
	path: ToolParameter[];
	headers: Record<string, string> | null;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
	timeout: number | null;
	approval_required: boolean;
	execution_audio: 'waiting_music' | 'typing' | null;
	pre_speech: 'auto' | 'force';
}

/** `McpToolSchema`: a tool synced from an MCP server. */
export interface McpToolRecord {
	id: string;
	type: 'MCP';
	name: string;
	description: string;
	parameters: Record<string, unknown> | null;
	approval_required: boolean;
}

export type ToolRecord = HttpToolRecord | McpToolRecord;

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const SOURCES = ['llm', 'fixed', 'dynamic'];
const SIMPLE_TYPES = ['string', 'integer', 'number', 'boolean'];
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const toolNotFound = (id: string) => digaError(404, 'TOOL_NOT_FOUND', `Tool ${id} not found`);

/** A tool as this server answers it: HTTP headers shown or masked as the integration's secrets are. */
export function toolView(state: ServerState, tool: ToolRecord) {
	if (tool.type === 'MCP' || tool.headers === null) return { ...tool };
	return { ...tool, headers: Object.fromEntries(Object.entries(tool.headers).map(([name, value]) => [name, shownSecret(state, value)])) };
}

/** The problems of one list of parameters (`where`: query, body or path), as FastAPI and Diga would report them. */
function parameterProblems(list: unknown, where: 'query' | 'body' | 'path', endpoint: string) {
	if (list === null) return [];
	if (!Array.isArray(list)) return [invalid(['body', where], 'Input should be a valid list', 'list_type')];
	const types = where === 'body' ? [...SIMPLE_TYPES, 'object'] : SIMPLE_TYPES;
	return list.flatMap((parameter: unknown, index) => {
		const at = ['body', where, index];
		if (!isObject(parameter)) return [invalid(at, 'Input should be a valid dictionary', 'dict_type')];
		const problems = [];
		if (typeof parameter.name !== 'string' || !/^\S+$/.test(parameter.name)) problems.push(invalid([...at, 'name'], 'Parameter name without spaces is required', 'value_error'));
		if (where !== 'path' && !types.includes(parameter.data_type as string)) problems.push(invalid([...at, 'data_type'], `Input should be ${types.map((t) => `'${t}'`).join(', ')}`, 'enum'));
		if (parameter.value_source !== undefined && !SOURCES.includes(parameter.value_source as string)) problems.push(invalid([...at, 'value_source'], "Input should be 'llm', 'fixed' or 'dynamic'", 'enum'));
		// A fixed or dynamic parameter without its value would send nothing (our strict reading: docs/spec-gaps.md).
		if (['fixed', 'dynamic'].includes(parameter.value_source as string) && (parameter.fixed_value === undefined || parameter.fixed_value === null)) {
			problems.push(invalid([...at, 'fixed_value'], 'A fixed or dynamic parameter needs its fixed_value', 'value_error'));
		}
		if (where === 'path' && typeof parameter.name === 'string' && !endpoint.includes(`{${parameter.name}}`)) {
			problems.push(invalid([...at, 'name'], `endpoint_path has no {${parameter.name}} placeholder`, 'value_error'));
		}
		return problems;
	});
}

/** `CreateHttpToolRequestSchema` (`existing`: `UpdateHttpToolRequestSchema` over that tool). */
function bodyProblems(body: unknown, existing?: HttpToolRecord) {
	if (!isObject(body)) return [invalid(['body'], 'Input should be a valid dictionary', 'dict_type')];
	const problems = [];
	if (!existing) for (const field of ['name', 'description', 'endpoint_path', 'method']) if (body[field] === undefined) problems.push(invalid(['body', field], 'Field required', 'missing'));
	for (const field of ['name', 'description']) if (body[field] !== undefined && typeof body[field] !== 'string') problems.push(invalid(['body', field], 'Input should be a valid string', 'string_type'));
	if (body.method !== undefined && !METHODS.includes(body.method as string)) problems.push(invalid(['body', 'method'], `Input should be ${METHODS.map((m) => `'${m}'`).join(', ')}`, 'enum'));
	if (body.timeout !== undefined && body.timeout !== null && !Number.isInteger(body.timeout)) problems.push(invalid(['body', 'timeout'], 'Input should be a valid integer', 'int_type'));
	if (body.approval_required !== undefined && typeof body.approval_required !== 'boolean') problems.push(invalid(['body', 'approval_required'], 'Input should be a valid boolean', 'bool_type'));
	if (body.pre_speech !== undefined && !['auto', 'force', ...(existing ? [null] : [])].includes(body.pre_speech as string)) problems.push(invalid(['body', 'pre_speech'], "Input should be 'auto' or 'force'", 'enum'));
	if (body.execution_audio !== undefined && ![null, 'waiting_music', 'typing'].includes(body.execution_audio as string)) problems.push(invalid(['body', 'execution_audio'], "Input should be 'waiting_music' or 'typing'", 'enum'));
	if (body.headers !== undefined && body.headers !== null && !(isObject(body.headers) && Object.values(body.headers).every((v) => typeof v === 'string'))) problems.push(invalid(['body', 'headers'], 'Input should be a valid dictionary of strings', 'dict_type'));
	const endpoint = typeof body.endpoint_path === 'string' ? body.endpoint_path : (existing?.endpoint_path ?? '');
	for (const where of ['query', 'body', 'path'] as const) if (body[where] !== undefined) problems.push(...parameterProblems(body[where], where, endpoint));
	return problems;
}

const FIELDS = ['name', 'description', 'endpoint_path', 'query', 'body', 'path', 'headers', 'method', 'timeout', 'approval_required', 'execution_audio', 'pre_speech'] as const;

function createTool(state: ServerState, integration: IntegrationRecord, body: unknown): Reply {
	if (integration.integration_type !== 'HTTP') return digaError(400, 'INTEGRATION_TYPE', `Cannot create tools for MCP integration ${integration.id}`);
	const problems = bodyProblems(body);
	if (problems.length) return unprocessable(problems);
	const request = body as Record<string, unknown>;
	if (integration.tools.some((tool) => tool.name === request.name)) return digaError(409, 'DUPLICATE_FIELD', `Tool with name '${String(request.name)}' already exists in this integration`);
	const tool: HttpToolRecord = {
		id: randomUUID(),
		type: 'HTTP',
		name: request.name as string,
		description: request.description as string,
		endpoint_path: request.endpoint_path as string,
		query: (request.query as ToolParameter[] | null | undefined) ?? [],
		body: (request.body as ToolParameter[] | null | undefined) ?? [],
		path: (request.path as ToolParameter[] | null | undefined) ?? [],
		headers: (request.headers as Record<string, string> | null | undefined) ?? null,
		method: request.method as HttpToolRecord['method'],
		timeout: request.timeout === undefined ? 5 : (request.timeout as number | null),
		approval_required: (request.approval_required as boolean | undefined) ?? false,
		execution_audio: (request.execution_audio as HttpToolRecord['execution_audio'] | undefined) ?? null,
		pre_speech: (request.pre_speech as HttpToolRecord['pre_speech'] | undefined) ?? 'auto',
	};
	integration.tools.push(tool);
	return { status: 201, body: toolView(state, tool) };
}

function updateTool(state: ServerState, integration: IntegrationRecord, tool: HttpToolRecord, body: unknown): Reply {
	const problems = bodyProblems(body, tool);
	if (problems.length) return unprocessable(problems);
	const request = body as Record<string, unknown>;
	if (request.name !== undefined && integration.tools.some((other) => other !== tool && other.name === request.name)) {
		return digaError(409, 'DUPLICATE_FIELD', `Tool with name '${String(request.name)}' already exists in this integration`);
	}
	// A null list or pre_speech leaves it as it was (an "unset" update field).
	for (const field of FIELDS) {
		const value = request[field];
		if (value === undefined || (value === null && ['query', 'body', 'path', 'pre_speech'].includes(field))) continue;
		(tool as unknown as Record<string, unknown>)[field] = value;
	}
	return { status: 200, body: toolView(state, tool) };
}

/** `PATCH …/tool-approval` (`UpdateToolsApprovalRequest` → 204), for HTTP and MCP tools alike. */
function setApproval(integration: IntegrationRecord, body: unknown): Reply {
	const tools = isObject(body) ? body.tools : undefined;
	if (!Array.isArray(tools) || tools.length === 0) return unprocessable([invalid(['body', 'tools'], 'List should have at least 1 item after validation', 'too_short')]);
	const problems = tools.flatMap((entry: unknown, index) =>
		!isObject(entry) || typeof entry.approval_required !== 'boolean' || uuidProblem('body', 'tool_id', entry.tool_id)
			? [invalid(['body', 'tools', index], 'Each entry needs a tool_id (UUID) and approval_required (boolean)', 'value_error')]
			: [],
	);
	if (problems.length) return unprocessable(problems);
	const entries = tools as Array<{ tool_id: string; approval_required: boolean }>;
	const missing = entries.find((entry) => !integration.tools.some((tool) => tool.id === entry.tool_id.toLowerCase()));
	if (missing) return toolNotFound(missing.tool_id);
	for (const entry of entries) integration.tools.find((tool) => tool.id === entry.tool_id.toLowerCase())!.approval_required = entry.approval_required;
	return { status: 204 };
}

/** `/v1/integration/{id}/tool…` and `/v1/integration/{id}/tool-approval` (`parts` from `tool…` on). */
export function toolRoutes(state: ServerState, integration: IntegrationRecord, method: string, parts: string[], query: Record<string, string>, body: unknown): Reply | undefined {
	const [sub, toolId] = parts;
	if (sub === 'tool-approval' && parts.length === 1) return method === 'PATCH' ? setApproval(integration, body) : undefined;
	if (sub !== 'tool' || parts.length > 2) return undefined;
	if (toolId === undefined) {
		if (method === 'POST') return createTool(state, integration, body);
		if (method === 'GET') return listPage(integration.tools.map((tool) => toolView(state, tool)), (tool) => tool.id, query, 20);
		return undefined;
	}
	const problem = uuidProblem('path', 'tool_id', toolId);
	if (problem) return unprocessable([problem]);
	const tool = integration.tools.find((t) => t.id === toolId.toLowerCase());
	if (method === 'GET') return tool ? { status: 200, body: toolView(state, tool) } : toolNotFound(toolId);
	if (method !== 'PATCH' && method !== 'DELETE') return undefined;
	if (integration.integration_type !== 'HTTP') {
		return digaError(400, 'INTEGRATION_TYPE', `Cannot ${method === 'PATCH' ? 'update tools for' : 'delete tools from'} MCP integration ${integration.id}`);
	}
	if (!tool || tool.type !== 'HTTP') return toolNotFound(toolId);
	if (method === 'PATCH') return updateTool(state, integration, tool, body);
	integration.tools = integration.tools.filter((t) => t !== tool);
	// Agents no longer have a tool that is gone.
	forEachAssignment(state, (assignments) => assignments.map((a) => (a.integration_id === integration.id ? { ...a, tool_ids: a.tool_ids.filter((id) => id !== tool.id) } : a)));
	return { status: 204 };
}
