/**
 * A tiny MCP server over Streamable HTTP, in process, for the test server's MCP client: it answers
 * as n8n's MCP Server Trigger does (the MCP SDK's transport): a session id at `initialize`,
 * requests answered as a server-sent event (`sse`) or plain JSON (`json`), notifications with 202,
 * 403 for a wrong Bearer key, DELETE to end a session. `tools/list` pages two tools at a time.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyMcpTool {
	name: string;
	description: string;
	inputSchema: Record<string, unknown>;
	run: (args: Record<string, unknown>) => string;
}

export const ADD: TinyMcpTool = {
	name: 'add',
	description: 'Adds two numbers',
	inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
	run: (args) => String(Number(args.a) + Number(args.b)),
};
export const ECHO: TinyMcpTool = { name: 'echo', description: 'Says it back', inputSchema: { type: 'object', properties: { text: { type: 'string' } } }, run: (args) => String(args.text) };
export const CLOCK: TinyMcpTool = { name: 'clock', description: 'The time', inputSchema: { type: 'object', properties: {} }, run: () => '12:00' };

export interface TinyMcpRequest {
	method: string;
	headers: IncomingHttpHeaders;
	/** The JSON-RPC method (undefined for a DELETE). */
	rpc?: string;
}

export async function tinyMcpServer(options: { key?: string; tools?: TinyMcpTool[]; answerAs?: 'sse' | 'json'; hang?: boolean } = {}) {
	const got: TinyMcpRequest[] = [];
	const sessions = new Set<string>();
	const state = { tools: options.tools ?? [ADD, ECHO, CLOCK], key: options.key };
	const answer = (res: ServerResponse, id: unknown, result: unknown, sessionId?: string) => {
		const message = JSON.stringify({ jsonrpc: '2.0', id, result });
		const session = sessionId ? { 'mcp-session-id': sessionId } : {};
		if (options.answerAs === 'json') return void res.writeHead(200, { 'content-type': 'application/json', ...session }).end(message);
		res.writeHead(200, { 'content-type': 'text/event-stream', ...session }).end(`event: message\ndata: ${message}\n\n`);
	};
	const http = createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			const message = text ? (JSON.parse(text) as { id?: unknown; method: string; params?: Record<string, unknown> }) : undefined;
			got.push({ method: req.method!, headers: req.headers, rpc: message?.method });
			if (options.hang) return;
			if (state.key && req.headers.authorization !== `Bearer ${state.key}`) return void res.writeHead(403).end();
			const sessionId = req.headers['mcp-session-id'] as string | undefined;
			if (req.method === 'DELETE') return void res.writeHead(sessions.delete(sessionId ?? '') ? 200 : 404).end();
			if (req.method !== 'POST' || !message) return void res.writeHead(405).end();
			if (message.method === 'initialize') {
				const id = randomUUID();
				sessions.add(id);
				return answer(res, message.id, { protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'tiny', version: '1' } }, id);
			}
			if (!sessionId || !sessions.has(sessionId)) return void res.writeHead(404).end('{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}');
			if (message.id === undefined) return void res.writeHead(202).end();
			if (message.method === 'tools/list') {
				const from = Number(message.params?.cursor ?? 0);
				const page = state.tools.slice(from, from + 2).map(({ run: _run, ...tool }) => tool);
				return answer(res, message.id, { tools: page, ...(from + 2 < state.tools.length ? { nextCursor: String(from + 2) } : {}) });
			}
			if (message.method === 'tools/call') {
				const tool = state.tools.find((t) => t.name === message.params?.name);
				if (!tool) return answer(res, message.id, { isError: true, content: [{ type: 'text', text: 'Tool not found' }] });
				return answer(res, message.id, { content: [{ type: 'text', text: tool.run((message.params?.arguments ?? {}) as Record<string, unknown>) }] });
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }));
		});
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp/tiny`;
	return {
		url,
		got,
		state,
		/** The JSON-RPC methods (or DELETE) received, in order. */
		calls: () => got.map((r) => r.rpc ?? r.method),
		close: () => {
			http.closeAllConnections();
			return new Promise((resolve) => http.close(resolve));
		},
	};
}
