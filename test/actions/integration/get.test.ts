import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, INTEGRATION_SECRETS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { locator, producedText, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const params = (operation: string, rest: IDataObject = {}) => ({ resource: 'integration', operation, ...rest }) as INodeParameters;

describe('Integration → Get', () => {
	test.each(['shown', 'masked'] as const)('GET /v1/integration/{id}; whether Diga shows the secrets or masks them (%s), the output has neither', async (secrets) => {
		server.state.integrationSecrets = secrets;
		const result = await run(server, { parameters: params('get', { integrationId: locator('list', INTEGRATION_IDS.orders) }) });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/integration/${INTEGRATION_IDS.orders}`]);
		expect(result.items).toEqual([
			{
				json: {
					id: INTEGRATION_IDS.orders,
					name: 'Orders',
					description: 'The order system',
					base_url: 'https://orders.example.com/api',
					integration_type: 'HTTP',
					auth_type: 'API_KEY',
					headers: { 'X-Tenant-Secret': '[redacted]' },
					requires_setup: false,
					source_integration_template_id: null,
					created_at: '2026-08-01T09:00:00Z',
					updated_at: '2026-08-01T09:00:00Z',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(producedText(result)).not.toContain(INTEGRATION_SECRETS.ordersKey.slice(-4));
	});

	test('an unknown integration is named', async () => {
		const missing = '10000000-9999-4000-8000-000000000999';
		const unknown = await run(server, { parameters: params('get', { integrationId: locator('id', missing) }) });
		expect(unknown.error).toMatchObject({ name: 'NodeApiError', message: `Diga could not find integration ${missing} in this account` });
	});

	test('a name where the ID goes (an expression, or an AI agent) fails before any request, naming the field', async () => {
		const bad = await run(server, { parameters: params('get', { integrationId: locator('id', '={{ "Orders" }}') }) });
		expect(bad.error).toMatchObject({ name: 'NodeOperationError', message: 'Integration is not a valid ID: "Orders"' });
		expect(server.requests).toHaveLength(0);
	});
});
