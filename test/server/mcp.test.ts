/**
 * The test server as Diga with an MCP integration: it connects to `base_url` (MCP over Streamable
 * HTTP), syncs the server's tools at Create and at Update, answers the spec's 401/502/504 when the
 * server refuses, fails or hangs (and keeps nothing), and lets "the agent" call an assigned MCP tool
 * by `tools/call`. The MCP server is a tiny in-process one (tinyMcpServer.ts), so no n8n is needed;
 * test/e2e/mcp.e2e.ts does the same against n8n's MCP Server Trigger.
 */
import { IDS, useDigaServer } from '../helpers';
import { digaApi } from './digaApi';
import { ADD, CLOCK, ECHO, tinyMcpServer } from './tinyMcpServer';

const server = useDigaServer();

const diga = digaApi(server);

const KEY = 'mcp-key-5d1f9a';
const createMcp = (base_url: string, extra: Record<string, unknown> = {}) => diga('POST', '/v1/integration', { name: 'Tools', base_url, integration_type: 'MCP', auth_key: KEY, headers: { 'X-Tenant': 't-1' }, ...extra });
/** The integration's tools as Diga lists them (in id order), here by name. */
const toolsOf = async (id: string) => ((await diga('GET', `/v1/integration/${id}/tool`)).body.data as Array<{ id: string; name: string; approval_required: boolean }>).sort((a, b) => a.name.localeCompare(b.name));
const draftAssignments = () => server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions.find((v) => v.is_draft)!.config?.integrations;

let mcp: Awaited<ReturnType<typeof tinyMcpServer>>;
afterEach(async () => await mcp?.close());

describe('an MCP integration: Diga syncs the tools of the server at base_url', () => {
	test.each(['sse', 'json'] as const)('Create (answers as %s): initialize, initialized, every page of tools/list, then the session ends; each tool kept as McpToolSchema', async (answerAs) => {
		mcp = await tinyMcpServer({ key: KEY, answerAs });
		const created = await createMcp(mcp.url);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ integration_type: 'MCP', base_url: mcp.url, auth_type: 'API_KEY' });
		expect(mcp.calls()).toEqual(['initialize', 'notifications/initialized', 'tools/list', 'tools/list', 'DELETE']);
		// The key as a Bearer token and the integration's headers on every request; the session id on every one after initialize.
		for (const request of mcp.got) expect(request.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-tenant': 't-1' });
		expect(mcp.got[0].headers['mcp-session-id']).toBeUndefined();
		expect(new Set(mcp.got.slice(1).map((r) => r.headers['mcp-session-id'])).size).toBe(1);
		expect(mcp.got[0].headers.accept).toBe('application/json, text/event-stream');
		const tools = await toolsOf(created.body.id);
		expect(tools).toEqual([ADD, CLOCK, ECHO].map((tool) => ({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'MCP', name: tool.name, description: tool.description, parameters: tool.inputSchema, approval_required: false })));
	});

	test('a wrong key: 401 M_C_P_AUTHENTICATION_FAILED and no integration', async () => {
		mcp = await tinyMcpServer({ key: 'the-right-key' });
		const refused = await createMcp(mcp.url);
		expect(refused).toEqual({ status: 401, body: { status: 'error', error_code: 'M_C_P_AUTHENTICATION_FAILED', message: 'MCP server authentication failed: Invalid credentials' } });
		expect(mcp.calls()).toEqual(['initialize']);
		expect((await diga('GET', '/v1/integration')).body.data).toEqual([]);
	});

	test('nothing listening: 502 M_C_P_SERVER_ERROR; a server that never answers: 504 M_C_P_CONNECTION_TIMEOUT; no integration either way', async () => {
		mcp = await tinyMcpServer();
		const url = mcp.url;
		await mcp.close();
		const unreachable = await createMcp(url);
		expect(unreachable.status).toBe(502);
		expect(unreachable.body).toMatchObject({ error_code: 'M_C_P_SERVER_ERROR', message: expect.stringContaining(`Could not reach the MCP server at ${url}`) });

		mcp = await tinyMcpServer({ hang: true });
		server.state.mcpTimeoutMs = 300;
		const started = Date.now();
		const hung = await createMcp(mcp.url);
		expect(hung).toEqual({ status: 504, body: { status: 'error', error_code: 'M_C_P_CONNECTION_TIMEOUT', message: 'Connection to MCP server timed out' } });
		expect(Date.now() - started).toBeLessThan(3000);
		expect(server.state.integrations).toEqual([]);
	});

	test('Update: a new name alone asks nothing; a new key is checked (refused: nothing changes); a new server re-syncs, tools of the same name keep id and approval, a tool gone is unassigned', async () => {
		mcp = await tinyMcpServer({ key: KEY });
		const { body: integration } = await createMcp(mcp.url);
		const before = await toolsOf(integration.id);
		const echo = before.find((t) => t.name === 'echo')!;
		const clock = before.find((t) => t.name === 'clock')!;
		await diga('PATCH', `/v1/integration/${integration.id}/tool-approval`, { tools: [{ tool_id: echo.id, approval_required: true }] });
		await diga('PATCH', `/v1/agent/${IDS.supportAgent}`, { integrations: [{ integration_id: integration.id, tool_ids: [echo.id, clock.id] }] });
		const synced = mcp.got.length;

		expect((await diga('PATCH', `/v1/integration/${integration.id}`, { name: 'Renamed' })).status).toBe(200);
		expect(mcp.got.length).toBe(synced);

		const refused = await diga('PATCH', `/v1/integration/${integration.id}`, { auth_key: 'a-wrong-key', name: 'Not applied' });
		expect(refused).toEqual({ status: 401, body: { status: 'error', error_code: 'M_C_P_AUTHENTICATION_FAILED', message: 'MCP server authentication failed with new credentials' } });
		expect(server.state.integrations[0]).toMatchObject({ name: 'Renamed', auth_key: KEY });

		const other = await tinyMcpServer({ key: KEY, tools: [ECHO, ADD] });
		try {
			const moved = await diga('PATCH', `/v1/integration/${integration.id}`, { base_url: other.url });
			expect(moved.status).toBe(200);
			expect(other.calls()).toEqual(['initialize', 'notifications/initialized', 'tools/list', 'DELETE']);
			const after = await toolsOf(integration.id);
			expect(after.map((t) => t.name)).toEqual(['add', 'echo']);
			expect(after[1]).toMatchObject({ id: echo.id, approval_required: true });
			expect(draftAssignments()).toEqual([expect.objectContaining({ integration_id: integration.id, tool_ids: [echo.id] })]);
		} finally {
			await other.close();
		}
	});

	test('ServerState.mcpTools stands in for the server: no connection at all', async () => {
		server.state.mcpTools = () => [{ id: '12000000-0009-4000-8000-000000000009', type: 'MCP', name: 'list_slots', description: 'Free slots', parameters: null, approval_required: false }];
		const created = await createMcp('http://127.0.0.1:9/nothing-here');
		expect(created.status).toBe(201);
		expect((await toolsOf(created.body.id)).map((t) => t.name)).toEqual(['list_slots']);
	});
});

describe('the agent calls an MCP tool', () => {
	test('assigned to the draft: tools/call with the arguments, the server’s answer, the time it took; a wrong key: an error, no tools/call', async () => {
		mcp = await tinyMcpServer({ key: KEY });
		const { body: integration } = await createMcp(mcp.url);
		const add = (await toolsOf(integration.id)).find((t) => t.name === 'add')!;
		await diga('PATCH', `/v1/agent/${IDS.supportAgent}`, { integrations: [{ integration_id: integration.id, tool_ids: [add.id] }] });
		await expect(server.agentCallsTool(IDS.supportAgent, 'add', { version: 'published', args: { a: 2, b: 3 } })).rejects.toThrow(/has 0 HTTP tools or MCP tools named add/);
		const from = mcp.got.length;

		const result = await server.agentCallsTool(IDS.supportAgent, 'add', { version: 'draft', args: { a: 2, b: 3 } });
		expect(result).toMatchObject({ status: 200, body: { content: [{ type: 'text', text: '5' }] } });
		expect(result.elapsedMs).toBeGreaterThan(0);
		expect(result.handshakeMs).toBeGreaterThan(0);
		expect(JSON.parse(result.request.body!)).toMatchObject({ method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 3 } } });
		expect(mcp.calls().slice(from)).toEqual(['initialize', 'notifications/initialized', 'tools/call', 'DELETE']);
		expect(server.toolCalls).toEqual([result]);

		const refused = await server.agentCallsTool(IDS.supportAgent, 'add', { version: 'draft', args: { a: 1, b: 1 }, headers: { authorization: 'Bearer wrong' } });
		expect(refused).toMatchObject({ status: 'error', body: 'MCP server authentication failed: HTTP 403' });
		expect(mcp.calls().filter((c) => c === 'tools/call')).toHaveLength(1);
	});
});
