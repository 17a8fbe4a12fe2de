/**
 * A small MCP client over Streamable HTTP (MCP 2025-03-26), for the test server: what Diga does
 * with an MCP integration's `base_url` (sync its tools, call one for the agent). JSON-RPC over
 * `fetch`: each request is one POST whose answer is JSON or a server-sent-events stream carrying
 * it; the server's `Mcp-Session-Id` goes with every later request; DELETE ends the session.
 * n8n's MCP Server Trigger (node version 2, n8n ≥ 1.10x) serves this at `POST /mcp/<path>`.
 * The older SSE transport (`GET …/sse` + a messages endpoint) is not spoken here.
 */

export const MCP_PROTOCOL_VERSION = '2025-03-26';

/** Why an MCP exchange failed: the server refused the credentials, failed, or did not answer in time. */
export class McpError extends Error {
	constructor(
		readonly kind: 'auth' | 'server' | 'timeout',
		message: string,
	) {
		super(message);
	}
}

/** A tool as `tools/list` names it. */
export interface McpListedTool {
	name: string;
	description?: string;
	inputSchema?: Record<string, unknown>;
}

interface JsonRpcAnswer {
	id?: number | string;
	result?: Record<string, unknown>;
	error?: { code: number; message: string };
}

/** One exchange as sent and answered, for a test to look at. */
export interface McpExchange {
	request: { method: 'POST'; url: string; headers: Record<string, string>; body: string };
	status: number;
	answer?: JsonRpcAnswer;
}

/** The JSON-RPC message with `id` in an SSE stream's `data:` lines (events end with a blank line). */
function fromEventStream(text: string, id: number): JsonRpcAnswer | undefined {
	for (const event of text.split(/\r?\n\r?\n/)) {
		const data = event.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
		if (!data) continue;
		const message = JSON.parse(data) as JsonRpcAnswer;
		if (message.id === id) return message;
	}
	return undefined;
}

export class McpSession {
	private sessionId?: string;
	private nextId = 1;
	private readonly signal: AbortSignal;

	/** `headers`: the integration's, with its `Authorization`; `timeoutMs`: for the whole session. */
	constructor(
		readonly url: string,
		private readonly headers: Record<string, string>,
		timeoutMs: number,
	) {
		this.signal = AbortSignal.timeout(timeoutMs);
	}

	/** `initialize`, then `notifications/initialized`: the session is ready for `tools/…`. */
	async open(): Promise<void> {
		const { answer } = await this.request('initialize', { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'diga-test-server', version: '1.0.0' } });
		if (!answer?.result) throw new McpError('server', `MCP server answered initialize without a result: ${JSON.stringify(answer?.error ?? answer)}`);
		await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
	}

	async listTools(): Promise<McpListedTool[]> {
		const tools: McpListedTool[] = [];
		let cursor: string | undefined;
		do {
			const { answer } = await this.request('tools/list', cursor === undefined ? {} : { cursor });
			if (!answer?.result) throw new McpError('server', `MCP server answered tools/list with ${JSON.stringify(answer?.error ?? answer)}`);
			tools.push(...((answer.result.tools as McpListedTool[] | undefined) ?? []));
			cursor = answer.result.nextCursor as string | undefined;
		} while (cursor);
		return tools;
	}

	/** `tools/call`: the exchange as it went (a JSON-RPC error is an answer, not a failure). */
	async callTool(name: string, args: Record<string, unknown>): Promise<McpExchange> {
		return await this.request('tools/call', { name, arguments: args });
	}

	/** Ends the session (DELETE), as a polite client does; a server that does not support it is fine. */
	async close(): Promise<void> {
		if (!this.sessionId) return;
		await fetch(this.url, { method: 'DELETE', headers: this.sessionHeaders(), signal: this.signal })
			.then((response) => response.arrayBuffer())
			.catch(() => undefined);
	}

	private sessionHeaders(): Record<string, string> {
		return { ...this.headers, ...(this.sessionId ? { 'mcp-session-id': this.sessionId, 'mcp-protocol-version': MCP_PROTOCOL_VERSION } : {}) };
	}

	private async request(method: string, params: Record<string, unknown>): Promise<McpExchange> {
		const id = this.nextId++;
		return await this.post({ jsonrpc: '2.0', id, method, params }, id);
	}

	/** One POST; `id` for a request (its answer awaited), none for a notification. */
	private async post(message: Record<string, unknown>, id?: number): Promise<McpExchange> {
		const headers = { ...this.sessionHeaders(), 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
		const request = { method: 'POST' as const, url: this.url, headers, body: JSON.stringify(message) };
		let response: Response;
		let text: string;
		try {
			response = await fetch(this.url, { ...request, signal: this.signal });
			text = await response.text();
		} catch (error) {
			if (this.signal.aborted) throw new McpError('timeout', `MCP server at ${this.url} did not answer ${String(message.method)} in time`);
			throw new McpError('server', `Could not reach the MCP server at ${this.url}: ${String((error as { cause?: unknown }).cause ?? error)}`);
		}
		if (response.status === 401 || response.status === 403) throw new McpError('auth', `MCP server authentication failed: HTTP ${response.status}`);
		if (!response.ok) throw new McpError('server', `MCP server answered ${String(message.method)} with HTTP ${response.status}: ${text.slice(0, 200)}`);
		this.sessionId ??= response.headers.get('mcp-session-id') ?? undefined;
		if (id === undefined) return { request, status: response.status };
		let answer: JsonRpcAnswer | undefined;
		try {
			answer = response.headers.get('content-type')?.includes('text/event-stream') ? fromEventStream(text, id) : (JSON.parse(text) as JsonRpcAnswer);
		} catch {
			throw new McpError('server', `MCP server answered ${String(message.method)} with something not JSON-RPC: ${text.slice(0, 200)}`);
		}
		return { request, status: response.status, answer };
	}
}
