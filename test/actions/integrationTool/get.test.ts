import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, INTEGRATION_SECRETS, orderStatusTool, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { locator, producedText, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const params = (operation: string, rest: IDataObject) => ({ resource: 'integrationTool', operation, integrationId: locator('list', INTEGRATION_IDS.orders), ...rest }) as INodeParameters;

describe('Integration Tool → Get', () => {
	test('GET …/tool/{id}: the tool as Diga has it, header values redacted', async () => {
		const result = await run(server, { parameters: params('get', { toolId: locator('list', INTEGRATION_IDS.orderStatus) }) });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/integration/${INTEGRATION_IDS.orders}/tool/${INTEGRATION_IDS.orderStatus}`]);
		expect(result.items).toEqual([{ json: { ...orderStatusTool(), headers: { 'X-Tool-Secret': '[redacted]' } }, pairedItem: { item: 0 } }]);
		expect(producedText(result)).not.toContain(INTEGRATION_SECRETS.toolHeader);
	});

	test('an MCP tool, its parameters (a JSON Schema) untouched', async () => {
		const result = await run(server, { parameters: params('get', { integrationId: locator('id', INTEGRATION_IDS.calendar), toolId: locator('id', INTEGRATION_IDS.listSlots) }) });
		expect(result.items[0].json).toEqual({ id: INTEGRATION_IDS.listSlots, type: 'MCP', name: 'list_slots', description: 'Free calendar slots', parameters: { type: 'object', properties: {} }, approval_required: false });
	});

	test('an unknown tool is named with its integration', async () => {
		const missing = '11000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: params('get', { toolId: locator('id', missing) }) });
		expect(result.error).toMatchObject({ message: `Diga could not find tool ${missing} of integration ${INTEGRATION_IDS.orders}` });
	});
});

describe('Integration Tool → Get Many', () => {
	test('GET …/tool, every page, newest first', async () => {
		const result = await run(server, { parameters: params('getAll', { returnAll: true }) });
		expect(server.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`)).toEqual([`GET /v1/integration/${INTEGRATION_IDS.orders}/tool limit=100`]);
		expect(result.items.map((item) => [item.json.name, item.json.headers])).toEqual([
			['book_callback', null],
			['order_status', { 'X-Tool-Secret': '[redacted]' }],
		]);
	});

	test('an unknown integration is named', async () => {
		const missing = '10000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: params('getAll', { integrationId: locator('id', missing), returnAll: true }) });
		expect(result.error).toMatchObject({ message: `Diga could not find integration ${missing} in this account` });
	});
});
