import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { IDS, locator, producedText, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const update = (updateFields: IDataObject) => ({ resource: 'integration', operation: 'update', integrationId: locator('id', INTEGRATION_IDS.orders), updateFields }) as INodeParameters;
const NEW_KEY = 'new-orders-key-5521aa';

describe('Integration → Update', () => {
	test('PATCH with exactly the fields added; the new key and header values never come back', async () => {
		const result = await run(server, {
			parameters: update({ name: 'Orders 2027', baseUrl: 'https://orders.example.com/v2', authKey: NEW_KEY, headers: { header: [{ name: 'X-Tenant-Secret', value: 'tenant-2027-secret' }] } }),
		});
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', `/v1/integration/${INTEGRATION_IDS.orders}`, { name: 'Orders 2027', base_url: 'https://orders.example.com/v2', auth_key: NEW_KEY, headers: { 'X-Tenant-Secret': 'tenant-2027-secret' } }],
		]);
		expect(result.items[0].json).toMatchObject({ name: 'Orders 2027', base_url: 'https://orders.example.com/v2', auth_type: 'API_KEY', headers: { 'X-Tenant-Secret': '[redacted]' } });
		expect(producedText(result)).not.toMatch(/new-orders-key|tenant-2027-secret/);
	});

	test('a rename shows in the agents that have its tools', async () => {
		server.state.agents[1].versions[1].config = { integrations: [{ integration_id: INTEGRATION_IDS.orders, integration_name: 'Orders', tool_ids: [INTEGRATION_IDS.orderStatus], requires_setup: false, source_integration_template_id: null }] };
		await run(server, { parameters: update({ name: 'Shop' }) });
		const agent = await run(server, { parameters: { resource: 'agent', operation: 'get', agentId: locator('id', IDS.supportAgent), version: 'draft' } });
		expect(agent.items[0].json.integrations).toEqual([expect.objectContaining({ integration_name: 'Shop' })]);
	});

	test('added and left empty (Auth Key, Headers) sends nothing: no field to update, nothing sent', async () => {
		const result = await run(server, { parameters: update({ authKey: '', headers: {} }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'No field to update' });
		expect(server.requests).toHaveLength(0);
	});

	test('Headers set by one expression: n8n drops the list, so the headers are left as they are', async () => {
		const result = await run(server, { parameters: update({ headers: '={{ { "X-A": "value-1234" } }}' }) });
		expect(result.error).toMatchObject({ message: 'No field to update' });
		expect(server.requests).toHaveLength(0);
	});

	test('an unknown integration is named', async () => {
		const missing = '10000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: { ...update({ name: 'X' }), integrationId: locator('id', missing) } });
		expect(result.error).toMatchObject({ message: `Diga could not find integration ${missing} in this account` });
	});
});
