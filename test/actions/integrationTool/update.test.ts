import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const update = (updateFields: IDataObject, toolId: string = INTEGRATION_IDS.orderStatus) =>
	({ resource: 'integrationTool', operation: 'update', integrationId: locator('id', INTEGRATION_IDS.orders), toolId: locator('id', toolId), updateFields }) as INodeParameters;

describe('Integration Tool → Update', () => {
	test('PATCH with exactly the fields added', async () => {
		const result = await run(server, { parameters: update({ description: 'Finds an order', timeout: 3, preSpeech: 'force' }) });
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', `/v1/integration/${INTEGRATION_IDS.orders}/tool/${INTEGRATION_IDS.orderStatus}`, { description: 'Finds an order', timeout: 3, pre_speech: 'force' }],
		]);
		expect(result.items[0].json).toMatchObject({ description: 'Finds an order', timeout: 3, pre_speech: 'force', endpoint_path: '/orders/{order_id}' });
	});

	test('Parameters replace all three lists (a place without parameters is sent empty)', async () => {
		await run(server, { parameters: update({ parameters: { parameter: [{ name: 'ref', location: 'query', dataType: 'string', required: true, source: 'llm' }] } }) });
		expect(server.requests[0].body).toEqual({ query: [{ name: 'ref', data_type: 'string', required: true, value_source: 'llm' }], body: [], path: [] });
	});

	test('Parameters added but left empty would remove every parameter: refused, nothing sent', async () => {
		const result = await run(server, { parameters: update({ parameters: {} }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Parameters is empty' });
		expect(server.requests).toHaveLength(0);
	});

	test('nothing added: no field to update; another tool’s name: Diga’s 409 says so', async () => {
		const empty = await run(server, { parameters: update({}) });
		expect(empty.error).toMatchObject({ message: 'No field to update' });
		const taken = await run(server, { parameters: update({ name: 'book_callback' }) });
		expect(taken.error).toMatchObject({ message: `Integration ${INTEGRATION_IDS.orders} already has another tool named "book_callback"` });
	});

	test('a lost answer: the same PATCH is sent again (it sets the same values)', async () => {
		server.fault({ method: 'PATCH', status: 502, afterActing: true });
		const result = await run(server, { parameters: update({ timeout: 9 }) });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('PATCH').map((r) => r.body)).toEqual([{ timeout: 9 }, { timeout: 9 }]);
	});
});
