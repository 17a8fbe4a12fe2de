import { randomUUID } from 'node:crypto';

import type { McpListedTool } from './mcpClient';
import { McpError, McpSession } from './mcpClient';
import type { Reply, ServerState } from './routes/common';
import { digaError } from './routes/common';
import type { IntegrationRecord } from './routes/integration';
import type { McpToolRecord, ToolRecord } from './routes/integrationTool';
import type { ToolCallOptions, ToolCallResult } from './toolCalls';
import { integrationHeaders, withHeaderChanges } from './toolCalls';

/**
 * Diga's side of an MCP integration as the test server plays it. Tool sync: at Create, and at Update when `base_url`,
 * `auth_key` or `headers` change ("tools are automatically re-synced … Authentication is
 * revalidated"), it opens a session with the MCP server at `base_url` (mcpClient.ts), lists its
 * tools and keeps each as an MCP tool of the integration. `ServerState.mcpTools`, when a test sets
 * it, stands in for the server (no connection at all).
 */

/** What an MCP integration connects with. */
export interface McpTarget {
	base_url: string;
	auth_key: string | null;
	headers: Record<string, string> | null;
}

/** How long one sync may take before Diga gives up with its 504 (`ServerState.mcpTimeoutMs`). */
export const MCP_TIMEOUT_MS = 10_000;

/** A session with the integration's server, opened (initialize + initialized). */
export async function openMcpSession(target: McpTarget, timeoutMs: number): Promise<McpSession> {
	const session = new McpSession(target.base_url, integrationHeaders(target), timeoutMs);
	await session.open();
	return session;
}

/** The server's tools, as one session lists them. */
async function listedTools(target: McpTarget, timeoutMs: number): Promise<McpListedTool[]> {
	const session = await openMcpSession(target, timeoutMs);
	try {
		return await session.listTools();
	} finally {
		await session.close();
	}
}

/** `McpToolSchema` records for the listed tools: a tool of a name seen before keeps its id and approval. */
function toolRecords(listed: McpListedTool[], previous: ToolRecord[]): McpToolRecord[] {
	return listed.map((tool) => {
		const known = previous.find((p) => p.type === 'MCP' && p.name === tool.name);
		return {
			id: known?.id ?? randomUUID(),
			type: 'MCP',
			name: tool.name,
			description: tool.description ?? '',
			parameters: tool.inputSchema ?? null,
			approval_required: known?.approval_required ?? false,
		};
	});
}

/** The spec's answers for a failed sync: 401 `M_C_P_AUTHENTICATION_FAILED`, 502 `M_C_P_SERVER_ERROR`, 504 `M_C_P_CONNECTION_TIMEOUT`. */
function failure(error: unknown, when: 'create' | 'update'): Reply {
	const during = when === 'update' ? ' during re-sync' : '';
	if (!(error instanceof McpError)) return digaError(500, 'INTERNAL_SERVER_ERROR', `Error: ${String(error)}`);
	if (error.kind === 'auth') return digaError(401, 'M_C_P_AUTHENTICATION_FAILED', when === 'update' ? 'MCP server authentication failed with new credentials' : 'MCP server authentication failed: Invalid credentials');
	if (error.kind === 'timeout') return digaError(504, 'M_C_P_CONNECTION_TIMEOUT', `Connection to MCP server timed out${during}`);
	return digaError(502, 'M_C_P_SERVER_ERROR', `MCP server returned an error${during}: ${error.message}`);
}

/**
 * The answer once `target`'s tools are known: `then(tools)` makes it (and changes the state), or a
 * failed sync answers Diga's error and changes nothing. Synchronous with `state.mcpTools`, else an
 * answer `later` (routes/common.ts).
 */
export function afterMcpSync(state: ServerState, target: McpTarget, previous: ToolRecord[], when: 'create' | 'update', then: (tools: McpToolRecord[]) => Reply): Reply {
	if (state.mcpTools) return then(state.mcpTools(target.base_url));
	const later = listedTools(target, state.mcpTimeoutMs ?? MCP_TIMEOUT_MS).then(
		(listed) => then(toolRecords(listed, previous)),
		(error: unknown) => failure(error, when),
	);
	return { status: 0, later };
}

/** MCP tools have no `timeout` in Diga's schema: the agent is assumed to wait as for an HTTP tool's default. */
const MCP_CALL_TIMEOUT_SECONDS = 5;

/**
 * "The agent" calls MCP tool `tool` of `integration`: a session (initialize, initialized), then
 * `tools/call` with `options.args`. `elapsedMs` is the `tools/call` exchange alone (`handshakeMs`
 * the session's opening before it); `body` is the JSON-RPC `result` (`content`, `isError`) or `error`.
 * `options.headers` changes the headers sent, as for an HTTP tool.
 */
export async function callMcpTool(integration: IntegrationRecord, tool: McpToolRecord, options: ToolCallOptions = {}): Promise<ToolCallResult> {
	const headers = withHeaderChanges(integrationHeaders(integration), options.headers);
	const started = performance.now();
	const session = new McpSession(integration.base_url, headers, (options.timeoutSeconds ?? MCP_CALL_TIMEOUT_SECONDS) * 1000);
	const unsent = { method: 'POST', url: integration.base_url, headers, body: JSON.stringify({ name: tool.name, arguments: options.args ?? {} }) };
	try {
		await session.open();
		const handshakeMs = performance.now() - started;
		const calling = performance.now();
		const exchange = await session.callTool(tool.name, options.args ?? {});
		const elapsedMs = performance.now() - calling;
		await session.close();
		return { status: exchange.status, body: exchange.answer?.result ?? exchange.answer?.error, elapsedMs, handshakeMs, request: exchange.request };
	} catch (error) {
		const status = error instanceof McpError && error.kind === 'timeout' ? 'timeout' : 'error';
		return { status, body: String((error as Error).message), elapsedMs: performance.now() - started, request: unsent };
	}
}
