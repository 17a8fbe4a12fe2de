import { INTEGRATION_IDS, seedIntegrations } from '../../dev/diga-server/integrationFixtures';
import { searchIntegrations, searchIntegrationTools } from '../../nodes/Diga/methods/listSearch';
import { IDS, locator, searchContext, useDigaServer } from '../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const toolParameters = { resource: 'integrationTool', operation: 'get', integrationId: locator('list', INTEGRATION_IDS.orders), toolId: locator('list', '') };

describe('Integration picker (searchIntegrations)', () => {
	test('labels integrations with their type, newest first, filtered by name', async () => {
		const context = searchContext(server, 'parameters.integrationId', undefined, { resource: 'integration', operation: 'get' });
		expect(await searchIntegrations.call(context)).toEqual({
			results: [
				{ name: 'Calendar (MCP)', value: INTEGRATION_IDS.calendar },
				{ name: 'Orders (HTTP)', value: INTEGRATION_IDS.orders },
			],
			paginationToken: undefined,
		});
		expect((await searchIntegrations.call(context, 'ORD')).results.map((r) => r.value)).toEqual([INTEGRATION_IDS.orders]);
	});
});

describe('Tool picker (searchIntegrationTools)', () => {
	test('the tools of the integration chosen in the node’s Integration field', async () => {
		const result = await searchIntegrationTools.call(searchContext(server, 'parameters.toolId', undefined, toolParameters), 'status');
		expect(result.results).toEqual([{ name: 'order_status', value: INTEGRATION_IDS.orderStatus }]);
		expect(server.requests.map((r) => r.path)).toEqual([`/v1/integration/${INTEGRATION_IDS.orders}/tool`]);
	});

	test('inside Agent → Update’s list, the integration chosen in the same entry', async () => {
		const parameters = {
			resource: 'agent',
			operation: 'update',
			agentId: locator('id', IDS.supportAgent),
			integrationTools: { add: [{ integrationId: locator('list', INTEGRATION_IDS.orders), toolId: locator('list', '') }, { integrationId: locator('list', INTEGRATION_IDS.calendar), toolId: locator('list', '') }] },
		};
		const second = await searchIntegrationTools.call(searchContext(server, 'parameters.integrationTools.add[1].toolId', undefined, parameters));
		expect(second.results).toEqual([{ name: 'list_slots', value: INTEGRATION_IDS.listSlots }]);
	});

	test('no integration chosen yet (or an expression): no list, no request', async () => {
		const result = await searchIntegrationTools.call(searchContext(server, 'parameters.toolId', undefined, { ...toolParameters, integrationId: locator('id', '={{ $json.id }}') }));
		expect(result).toEqual({ results: [] });
		expect(server.requests).toHaveLength(0);
	});
});
