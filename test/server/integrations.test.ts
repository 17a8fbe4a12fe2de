/**
 * The test server's integrations, tools, assignments and its tool-call control, spoken to directly
 * (as Diga's API is): every exchange is judged by the spec like the node's own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { IDS, useDigaServer } from '../helpers';
import { digaApi } from './digaApi';

const server = useDigaServer();

const diga = digaApi(server);

/** A tool's server that records what it got and answers `{ ok: true }` after `delayMs`. */
async function toolServer(delayMs = 0) {
	const got: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
	const http = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			got.push({ method: req.method!, url: req.url!, headers: req.headers, body });
			setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
		});
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return { got, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise((resolve) => http.close(resolve)) };
}

const orderTool = {
	name: 'order_status',
	description: 'Look up an order',
	endpoint_path: '/orders/{order_id}',
	method: 'POST',
	path: [{ name: 'order_id', description: 'The order', required: true, value_source: 'llm' }],
	query: [{ name: 'lang', data_type: 'string', value_source: 'fixed', fixed_value: 'es' }],
	body: [
		{ name: 'caller', data_type: 'string', value_source: 'dynamic', fixed_value: '{{caller_number}}' },
		{ name: 'count', data_type: 'integer', value_source: 'llm' },
	],
	headers: { 'X-Tool-Secret': 'tool-secret-123' },
	timeout: 1,
};

async function integrationWithTool(baseUrl: string) {
	const integration = await diga('POST', '/v1/integration', { name: 'Orders', base_url: baseUrl, integration_type: 'HTTP', auth_key: 'key-abc-123', headers: { 'X-Shared': 'shared-1' } });
	const tool = await diga('POST', `/v1/integration/${integration.body.id}/tool`, orderTool);
	return { integration: integration.body, tool: tool.body };
}

test('integrations and tools: create, list, get, update, approval, delete (cascading to agents)', async () => {
	const { integration, tool } = await integrationWithTool('https://tools.example.com/api');
	expect(integration).toMatchObject({ name: 'Orders', integration_type: 'HTTP', auth_type: 'API_KEY', auth_key: 'key-abc-123' });
	expect(tool).toMatchObject({ type: 'HTTP', name: 'order_status', timeout: 1, approval_required: false, pre_speech: 'auto' });
	expect((await diga('POST', `/v1/integration/${integration.id}/tool`, orderTool)).status).toBe(409);
	// The slash the spec's path has not: FastAPI redirects it (and the spec judges it as the mistake it is).
	expect((await diga('GET', '/v1/integration/')).status).toBe(307);
	expect(server.spec.takeViolations()).toEqual(['GET /v1/integration/ — no path of the spec matches /v1/integration/']);
	expect((await diga('GET', '/v1/integration?integration_type=HTTP')).body.data.map((i: { id: string }) => i.id)).toEqual([integration.id]);
	expect((await diga('GET', `/v1/integration/${integration.id}/tool`)).body.data).toEqual([tool]);
	expect((await diga('PATCH', `/v1/integration/${integration.id}/tool/${tool.id}`, { timeout: 3 })).body.timeout).toBe(3);
	expect((await diga('PATCH', `/v1/integration/${integration.id}/tool-approval`, { tools: [{ tool_id: tool.id, approval_required: true }] })).status).toBe(204);
	expect((await diga('GET', `/v1/integration/${integration.id}/tool/${tool.id}`)).body.approval_required).toBe(true);

	server.state.integrationSecrets = 'masked';
	expect((await diga('GET', `/v1/integration/${integration.id}`)).body).toMatchObject({ auth_key: '****-123', headers: { 'X-Shared': '****ed-1' } });

	const assign = await diga('PATCH', `/v1/agent/${IDS.supportAgent}`, { integrations: [{ integration_id: integration.id, tool_ids: [tool.id] }] });
	expect(assign.body.integrations).toEqual([{ integration_id: integration.id, integration_name: 'Orders', tool_ids: [tool.id], requires_setup: false, source_integration_template_id: null }]);
	expect((await diga('PATCH', `/v1/agent/${IDS.supportAgent}`, { integrations: [{ integration_id: integration.id, tool_ids: [IDS.salesAgent] }] })).status).toBe(404);
	expect((await diga('DELETE', `/v1/integration/${integration.id}`)).status).toBe(204);
	expect((await diga('GET', `/v1/agent/${IDS.supportAgent}`)).body.integrations).toEqual([]);
});

test('the agent calls a tool exactly as its definition says, within its timeout', async () => {
	const tools = await toolServer();
	try {
		const { integration } = await integrationWithTool(`${tools.url}/base/`);
		await diga('PATCH', `/v1/agent/${IDS.supportAgent}`, { integrations: [{ integration_id: integration.id, tool_ids: [(await diga('GET', `/v1/integration/${integration.id}/tool`)).body.data[0].id] }] });
		await expect(server.agentCallsTool(IDS.supportAgent, 'order_status', { version: 'published' })).rejects.toThrow(/0 HTTP tools/);
		const result = await server.agentCallsTool(IDS.supportAgent, 'order_status', {
			version: 'draft',
			args: { order_id: 'A/7', count: 2 },
			variables: { caller_number: '+34600111222' },
			headers: { 'x-shared': null },
		});
		expect(result).toMatchObject({ status: 200, body: { ok: true } });
		expect(result.elapsedMs).toBeGreaterThan(0);
		expect(tools.got).toHaveLength(1);
		expect(tools.got[0]).toMatchObject({ method: 'POST', url: '/base/orders/A%2F7?lang=es', body: '{"caller":"+34600111222","count":2}' });
		expect(tools.got[0].headers).toMatchObject({ authorization: 'Bearer key-abc-123', 'x-tool-secret': 'tool-secret-123', 'content-type': 'application/json' });
		expect(tools.got[0].headers['x-shared']).toBeUndefined();
	} finally {
		await tools.close();
	}
});

test('a tool that answers after its timeout is a timeout', async () => {
	const tools = await toolServer(1500);
	try {
		const { integration, tool } = await integrationWithTool(tools.url);
		const result = await server.callTool(integration.id, tool.id, { args: { order_id: '1', count: 1 } });
		expect(result.status).toBe('timeout');
		expect(result.elapsedMs).toBeGreaterThanOrEqual(950);
	} finally {
		await tools.close();
	}
});
