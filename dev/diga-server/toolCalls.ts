import type { IntegrationRecord } from './routes/integration';
import type { HttpToolRecord, ToolParameter } from './routes/integrationTool';

/**
 * A test control, not part of Diga's API: "the agent" calls an HTTP tool during a call, exactly as
 * its definition says. Diga documents how it calls a tool only through the definition itself, so
 * what this adds is THIS SERVER'S reading (docs/spec-gaps.md, "Tool calls"):
 * - URL: `base_url` and `endpoint_path` joined with one `/`; `{name}` placeholders of path
 *   parameters replaced by the URL-encoded value;
 * - query parameters in the query string, body parameters as a JSON object (not for GET);
 * - headers: the integration's, then the tool's (same name: the tool's wins), then
 *   `Authorization: Bearer <auth_key>` when the integration has an `auth_key`;
 * - values: `llm` from `args` (what the model says), `fixed` from `fixed_value`, `dynamic` from
 *   `fixed_value` with `{{name}}` replaced by the call's `variables`; a value not given is left out;
 * - the tool's `timeout` in seconds (5 when null): no answer by then ends the call as `timeout`.
 */
export interface ToolCallOptions {
	/** What the model fills in, by parameter name (`llm` parameters). */
	args?: Record<string, unknown>;
	/** The call's variables, for `dynamic` parameters (`{{name}}` in their `fixed_value`). */
	variables?: Record<string, string>;
	/** Changes to the headers sent: a value replaces (or adds) that header, `null` removes it. */
	headers?: Record<string, string | null>;
	/** Sent beyond the definition, as Diga might (the spec does not say what it adds). */
	extra?: { query?: Record<string, string>; body?: Record<string, unknown> };
	/** An MCP tool (Diga's schema gives it no timeout): how long the agent waits, 5 s by default. */
	timeoutSeconds?: number;
}

export interface ToolCallRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: string;
}

export interface ToolCallResult {
	/** The HTTP status, or `timeout` (no answer within the tool's timeout), or `error` (no connection). */
	status: number | 'timeout' | 'error';
	/** The answer parsed as JSON when it is, else its text. */
	body: unknown;
	/** From the first byte sent to the last byte read, in ms. */
	elapsedMs: number;
	/** An MCP tool: the session's opening (initialize, initialized) before the `tools/call` that `elapsedMs` measures. */
	handshakeMs?: number;
	request: ToolCallRequest;
}

/** The value a parameter takes in this call, or `undefined` when it has none (then it is left out). */
function valueOf(parameter: ToolParameter, options: ToolCallOptions): unknown {
	const source = parameter.value_source ?? 'llm';
	if (source === 'fixed') return parameter.fixed_value;
	if (source === 'dynamic') return String(parameter.fixed_value ?? '').replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, name: string) => options.variables?.[name] ?? '');
	if (parameter.data_type === 'object' && parameter.properties?.length && options.args?.[parameter.name] === undefined) return undefined;
	return options.args?.[parameter.name];
}

function values(parameters: ToolParameter[], options: ToolCallOptions): Array<[string, unknown]> {
	return parameters.map((p): [string, unknown] => [p.name, valueOf(p, options)]).filter(([, value]) => value !== undefined);
}

/** An integration's headers as sent to its server, then `Authorization: Bearer <auth_key>` when it has a key (Diga does not say how it sends the key). */
export function integrationHeaders(integration: Pick<IntegrationRecord, 'headers' | 'auth_key'>): Record<string, string> {
	return { ...integration.headers, ...(integration.auth_key ? { authorization: `Bearer ${integration.auth_key}` } : {}) };
}

/** `headers` with a test's `changes` (ToolCallOptions.headers): a value replaces or adds that header (any case), `null` removes it. */
export function withHeaderChanges(headers: Record<string, string>, changes: Record<string, string | null> = {}): Record<string, string> {
	const changed = { ...headers };
	for (const [name, value] of Object.entries(changes)) {
		for (const key of Object.keys(changed)) if (key.toLowerCase() === name.toLowerCase()) delete changed[key];
		if (value !== null) changed[name] = value;
	}
	return changed;
}

/** The request "the agent" sends for `tool` of `integration`. */
export function toolCallRequest(integration: IntegrationRecord, tool: HttpToolRecord, options: ToolCallOptions = {}): ToolCallRequest {
	let path = tool.endpoint_path ?? '';
	for (const [name, value] of values(tool.path, options)) path = path.split(`{${name}}`).join(encodeURIComponent(String(value)));
	const url = new URL(`${integration.base_url.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
	for (const [name, value] of values(tool.query, options)) url.searchParams.append(name, String(value));
	for (const [name, value] of Object.entries(options.extra?.query ?? {})) url.searchParams.append(name, value);
	const bodyValues = [...values(tool.body, options), ...Object.entries(options.extra?.body ?? {})];
	if (tool.method === 'GET' && bodyValues.length) throw new Error(`tool ${tool.name}: a GET has no body, but it has body parameters`);
	const headers: Record<string, string> = { ...integration.headers, ...tool.headers, ...integrationHeaders({ headers: null, auth_key: integration.auth_key }) };
	const body = tool.method === 'GET' ? undefined : JSON.stringify(Object.fromEntries(bodyValues));
	if (body !== undefined) headers['content-type'] = 'application/json';
	return { method: tool.method, url: url.toString(), headers: withHeaderChanges(headers, options.headers), ...(body === undefined ? {} : { body }) };
}

/** Sends the tool call and measures it; never throws for what the tool's server does. */
export async function sendToolCall(request: ToolCallRequest, timeoutSeconds: number | null): Promise<ToolCallResult> {
	const started = performance.now();
	const signal = AbortSignal.timeout((timeoutSeconds ?? 5) * 1000);
	try {
		const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text === '' ? undefined : JSON.parse(text);
		} catch {
			// not JSON: the text as it came
		}
		return { status: response.status, body, elapsedMs: performance.now() - started, request };
	} catch (error) {
		const timedOut = signal.aborted;
		return { status: timedOut ? 'timeout' : 'error', body: timedOut ? undefined : String(error), elapsedMs: performance.now() - started, request };
	}
}
