import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_SECRETS } from '../../../dev/diga-server/integrationFixtures';
import { producedText, run, useDigaServer } from '../../helpers';

const server = useDigaServer();

const create = (rest: IDataObject) => ({ resource: 'integration', operation: 'create', ...rest }) as INodeParameters;
const headers = (entries: Record<string, string>) => ({ header: Object.entries(entries).map(([name, value]) => ({ name, value })) });
const { ordersKey, tenantHeader } = INTEGRATION_SECRETS;

describe('Integration → Create', () => {
	test('HTTP: POST /v1/integration with exactly what was filled in; the output never shows the key or header values', async () => {
		const result = await run(server, {
			parameters: create({
				name: ' Orders ',
				integrationType: 'HTTP',
				baseUrl: 'https://orders.example.com/api',
				additionalFields: { description: 'The order system', authKey: ordersKey, headers: headers({ 'X-Tenant-Secret': tenantHeader }) },
			}),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v1/integration', { name: 'Orders', integration_type: 'HTTP', base_url: 'https://orders.example.com/api', description: 'The order system', auth_key: ordersKey, headers: { 'X-Tenant-Secret': tenantHeader } }],
		]);
		const created = server.state.integrations[0];
		expect(result.items).toEqual([
			{
				json: {
					id: created.id,
					name: 'Orders',
					description: 'The order system',
					base_url: 'https://orders.example.com/api',
					integration_type: 'HTTP',
					auth_type: 'API_KEY',
					headers: { 'X-Tenant-Secret': '[redacted]' },
					requires_setup: false,
					source_integration_template_id: null,
					created_at: created.created_at,
					updated_at: created.updated_at,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(producedText(result)).not.toContain(ordersKey);
		expect(producedText(result)).not.toContain(tenantHeader);
	});

	test('MCP: Diga reads the server’s tools at creation; Integration Tool → Get Many then lists them', async () => {
		server.state.mcpTools = (url) => (url === 'https://mcp.example.com/mcp' ? [{ id: '12000000-0009-4000-8000-000000000009', type: 'MCP', name: 'list_slots', description: 'Free slots', parameters: null, approval_required: false }] : []);
		const result = await run(server, { parameters: create({ name: 'Calendar', integrationType: 'MCP', baseUrl: 'https://mcp.example.com/mcp' }) });
		expect(server.requests.map((r) => r.body)).toEqual([{ name: 'Calendar', integration_type: 'MCP', base_url: 'https://mcp.example.com/mcp' }]);
		expect(result.items[0].json).toMatchObject({ integration_type: 'MCP', auth_type: 'NONE' });
		expect(result.items[0].json).not.toHaveProperty('auth_key');

		const tools = await run(server, { parameters: { resource: 'integrationTool', operation: 'getAll', integrationId: String(result.items[0].json.id), returnAll: true } });
		expect(tools.items.map((item) => item.json.name)).toEqual(['list_slots']);
	});

	test.each([
		['an empty name', { name: '  ' }, 'Name is empty'],
		['a base URL that is not http(s)', { baseUrl: 'ftp://orders.example.com' }, 'Base URL is not an http(s) URL: "ftp://orders.example.com"'],
		['a header name with a space', { additionalFields: { headers: headers({ 'X Tenant': 'a-value-1' }) } }, 'Headers: header 1 has no valid name'],
		['a header given twice', { additionalFields: { headers: headers({ 'X-A': 'one-value', 'x-a': 'two-value' }) } }, 'Headers: "x-a" is given twice'],
		['a header value with a line break', { additionalFields: { headers: headers({ 'X-A': 'one\r\nX-Evil: 1' }) } }, 'Headers: the value of "X-A" has a line break'],
		['a password in the base URL (Diga shows the URL in every answer)', { baseUrl: 'https://bot:s3cr3t-pass@orders.example.com' }, 'Base URL contains a user name or password'],
	])('%s fails before any request of the run, naming the field', async (_case, change, message) => {
		const good = { name: 'Orders', integrationType: 'HTTP', baseUrl: 'https://orders.example.com/api' };
		const result = await run(server, { parameters: create({ ...good, ...change }), items: [{}, {}] });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(server.requests).toHaveLength(0);
	});

	test('an empty Auth Key or header list sends nothing (not a key "" or empty headers)', async () => {
		await run(server, { parameters: create({ name: 'Orders', integrationType: 'HTTP', baseUrl: 'https://orders.example.com', additionalFields: { authKey: '', headers: {} } }) });
		expect(server.requests.map((r) => r.body)).toEqual([{ name: 'Orders', integration_type: 'HTTP', base_url: 'https://orders.example.com' }]);
	});

	test('a lost answer (502 after Diga acted) is not sent again: the error says how to check, without the key', async () => {
		server.fault({ method: 'POST', status: 502, afterActing: true });
		const result = await run(server, { parameters: create({ name: 'Orders', integrationType: 'HTTP', baseUrl: 'https://orders.example.com', additionalFields: { authKey: ordersKey } }) });
		expect(server.requestsTo('POST')).toHaveLength(1);
		expect(server.state.integrations).toHaveLength(1);
		expect(result.error).toMatchObject({ message: expect.stringMatching(/^Outcome unknown: Diga may have created the integration "Orders"/) });
		expect(String((result.error as { description?: string }).description)).toContain('Integration → Get Many with Filters → Name "Orders"');
		expect(producedText(result)).not.toContain(ordersKey);
	});

	test('an error answer that quotes the key or a header value shows neither', async () => {
		server.fault({ method: 'POST', status: 422, body: { detail: [{ loc: ['body', 'auth_key'], msg: `key ${ordersKey} rejected (header ${tenantHeader})`, type: 'value_error' }] } });
		const result = await run(server, {
			parameters: create({ name: 'Orders', integrationType: 'HTTP', baseUrl: 'https://orders.example.com', additionalFields: { authKey: ordersKey, headers: headers({ 'X-Tenant-Secret': tenantHeader }) } }),
		});
		expect(result.error).toMatchObject({ message: 'Diga rejected these fields: Auth Key (auth_key): key [redacted] rejected (header [redacted])' });
		expect(producedText(result)).not.toContain(ordersKey);
		expect(producedText(result)).not.toContain(tenantHeader);
	});

	test('an MCP server refusing the key is named as such, not as a bad Diga API key', async () => {
		server.fault({ method: 'POST', status: 401, body: { status: 'error', error_code: 'M_C_P_AUTHENTICATION_FAILED', message: 'MCP server authentication failed: Invalid credentials' } });
		const result = await run(server, { parameters: create({ name: 'Calendar', integrationType: 'MCP', baseUrl: 'https://mcp.example.com/mcp', additionalFields: { authKey: ordersKey } }) });
		expect(result.error).toMatchObject({ message: 'The MCP server at https://mcp.example.com/mcp did not accept the Auth Key or headers' });
	});

	test('continue on fail: the bad item becomes an error item, the other is created', async () => {
		const result = await run(server, {
			parameters: create({ name: '={{ $json.name }}', integrationType: 'HTTP', baseUrl: 'https://orders.example.com' }),
			items: [{ name: '' }, { name: 'Orders' }],
			nodeSettings: { continueOnFail: true },
		});
		expect(result.items.map((item) => [item.json.error ?? item.json.name, item.pairedItem])).toEqual([
			['Name is empty', { item: 0 }],
			['Orders', { item: 1 }],
		]);
	});
});

describe('Integration → Create: an Auth Key pasted with a line break or spaces around it', () => {
	test.each(['n8n-mcp-token-5a5a5a\n', '  n8n-mcp-token-5a5a5a  '])('%j is sent without them', async (authKey) => {
		await run(server, {
			parameters: { resource: 'integration', operation: 'create', name: 'Calendar', integrationType: 'HTTP', baseUrl: 'https://cal.example.com/api', additionalFields: { authKey } } as INodeParameters,
		});
		expect(server.requestsTo('POST').map((r) => (r.body as { auth_key?: string }).auth_key)).toEqual(['n8n-mcp-token-5a5a5a']);
	});
});
