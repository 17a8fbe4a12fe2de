/**
 * Integration → Create and Update of type MCP through the node, with the test server syncing the
 * tools from a real (in-process) MCP server, not from `ServerState.mcpTools`: the tools the server
 * lists are the integration's; when the MCP server refuses, cannot be reached or hangs, Diga's
 * documented 401/502/504 reaches the user as what happened, once, without the key.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { locator, producedText, run, useDigaServer } from '../../helpers';
import { ADD, CLOCK, ECHO, tinyMcpServer } from '../../server/tinyMcpServer';

const server = useDigaServer();
const KEY = 'mcp-node-key-71c0e2';
const create = (baseUrl: string, authKey = KEY) => ({ resource: 'integration', operation: 'create', name: 'Tools', integrationType: 'MCP', baseUrl, additionalFields: { authKey } }) as INodeParameters;
const update = (integrationId: string, updateFields: IDataObject) => ({ resource: 'integration', operation: 'update', integrationId: locator('id', integrationId), updateFields }) as INodeParameters;

let mcp: Awaited<ReturnType<typeof tinyMcpServer>>;
afterEach(async () => await mcp?.close());

describe('Integration → Create / Update (MCP) against a real MCP server', () => {
	test('Create: the integration has every tool the server lists; Integration Tool → Get Many shows them', async () => {
		mcp = await tinyMcpServer({ key: KEY });
		const created = await run(server, { parameters: create(mcp.url) });
		expect(created.error).toBeUndefined();
		expect(mcp.calls()).toEqual(['initialize', 'notifications/initialized', 'tools/list', 'tools/list', 'DELETE']);
		const tools = await run(server, { parameters: { resource: 'integrationTool', operation: 'getAll', integrationId: locator('id', String(created.items[0].json.id)), returnAll: true } });
		expect(tools.items.map((item) => item.json.name).sort()).toEqual([ADD, CLOCK, ECHO].map((tool) => tool.name));
		expect(tools.items.find((item) => item.json.name === 'add')?.json.parameters).toEqual(ADD.inputSchema);
	});

	test('a wrong key: the MCP server’s refusal, named as such; nothing created', async () => {
		mcp = await tinyMcpServer({ key: 'the-right-key' });
		const result = await run(server, { parameters: create(mcp.url) });
		expect(result.error).toMatchObject({ message: `The MCP server at ${mcp.url} did not accept the Auth Key or headers` });
		expect(server.state.integrations).toEqual([]);
		expect(producedText(result)).not.toContain(KEY);
	});

	test('a server that cannot be reached (502) or does not answer (504): Diga’s answer, not a lost one; sent once, nothing created', async () => {
		mcp = await tinyMcpServer();
		const gone = mcp.url;
		await mcp.close();
		const unreachable = await run(server, { parameters: create(gone) });
		expect(unreachable.error).toMatchObject({ message: `Diga could not read the tools of the MCP server at ${gone}: it could not be reached or answered with an error. Diga does not say whether it kept the integration: Integration → Get Many (Name "Tools") shows it.` });

		mcp = await tinyMcpServer({ hang: true });
		server.state.mcpTimeoutMs = 300;
		const hung = await run(server, { parameters: create(mcp.url) });
		expect(hung.error).toMatchObject({ message: `The MCP server at ${mcp.url} did not answer Diga in time. Diga does not say whether it kept the integration: Integration → Get Many (Name "Tools") shows it.` });
		expect(server.requestsTo('POST')).toHaveLength(2);
		expect(server.state.integrations).toEqual([]);
		expect(producedText(unreachable) + producedText(hung)).not.toContain(KEY);
	});

	test('a 502 without one of those codes is still a lost answer; Diga’s 502 quoting the key shows no key', async () => {
		server.fault({ method: 'POST', status: 502, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Bad gateway' } });
		const gateway = await run(server, { parameters: create('https://mcp.example.com/mcp') });
		expect(gateway.error).toMatchObject({ message: expect.stringMatching(/^Outcome unknown: Diga may have created the integration "Tools"/) });
		server.fault({ method: 'POST', status: 502, body: { status: 'error', error_code: 'M_C_P_SERVER_ERROR', message: `MCP server returned an error for key ${KEY}` } });
		const quoted = await run(server, { parameters: create('https://mcp.example.com/mcp') });
		expect(quoted.error).toMatchObject({ message: expect.stringMatching(/^Diga could not read the tools of the MCP server at https:\/\/mcp.example.com\/mcp/) });
		expect(producedText(quoted)).not.toContain(KEY);
		expect(server.requestsTo('POST')).toHaveLength(2);
	});

	test('Update: Diga’s 504 M_C_P_CONNECTION_TIMEOUT (it already waited for the MCP server) is its final answer: sent once, not retried', async () => {
		const created = await run(server, { parameters: { ...create('https://mcp.example.com/mcp'), integrationType: 'HTTP' } as INodeParameters });
		server.fault({ times: 10, method: 'PATCH', status: 504, body: { status: 'error', error_code: 'M_C_P_CONNECTION_TIMEOUT', message: 'Connection to MCP server timed out during re-sync' } });
		const result = await run(server, { parameters: update(String(created.items[0].json.id), { baseUrl: 'https://mcp2.example.com/mcp' }) });
		expect(result.error).toMatchObject({ message: 'Diga could not re-sync the MCP server’s tools: it did not answer in time' });
		expect(server.requestsTo('PATCH')).toHaveLength(1);
	});

	test('Create: a 503 a gateway passed on (Diga created it), then Diga’s 502 M_C_P_SERVER_ERROR on the resend: outcome unknown, not "not created"', async () => {
		server.state.mcpTools = () => [];
		server.fault({ method: 'POST', path: /^\/v1\/integration$/, status: 503, afterActing: true, body: { message: 'Service Unavailable' } });
		server.fault({ method: 'POST', path: /^\/v1\/integration$/, status: 502, body: { status: 'error', error_code: 'M_C_P_SERVER_ERROR', message: 'MCP server returned an error' } });
		const result = await run(server, { parameters: create('https://mcp.example.com/mcp') });
		expect(server.state.integrations).toHaveLength(1);
		expect(result.error).toMatchObject({ message: expect.stringMatching(/^Outcome unknown: Diga may have created the integration "Tools"/) });
		expect(server.requestsTo('POST')).toHaveLength(2);
	});

	test('Create: a 503 a gateway passed on, then a 429, then Diga’s 502 M_C_P_SERVER_ERROR: the 503 is not forgotten, outcome unknown', async () => {
		server.state.mcpTools = () => [];
		server.fault({ method: 'POST', path: /^\/v1\/integration$/, status: 503, afterActing: true, body: { message: 'Service Unavailable' } });
		server.fault({ method: 'POST', path: /^\/v1\/integration$/, status: 429, body: { status: 'error', error_code: 'RATE_LIMITED', message: 'Too many requests' } });
		server.fault({ method: 'POST', path: /^\/v1\/integration$/, status: 502, body: { status: 'error', error_code: 'M_C_P_SERVER_ERROR', message: 'MCP server returned an error' } });
		const result = await run(server, { parameters: create('https://mcp.example.com/mcp') });
		expect(server.state.integrations).toHaveLength(1);
		expect(result.error).toMatchObject({ message: expect.stringMatching(/^Outcome unknown: Diga may have created the integration "Tools"/) });
	});

	test('Update with a new key the server refuses: named as such, the integration keeps its key', async () => {
		mcp = await tinyMcpServer({ key: KEY });
		const created = await run(server, { parameters: create(mcp.url) });
		const id = String(created.items[0].json.id);
		const refused = await run(server, { parameters: update(id, { authKey: 'a-wrong-key-0000' }) });
		expect(refused.error).toMatchObject({ message: 'The MCP server did not accept the new Auth Key or headers' });
		expect(server.state.integrations[0].auth_key).toBe(KEY);
		expect(producedText(refused)).not.toMatch(/a-wrong-key-0000|mcp-node-key/);
	});
});
