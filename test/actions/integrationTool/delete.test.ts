import type { INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const remove = (integrationId: string, toolId: string) => ({ resource: 'integrationTool', operation: 'delete', integrationId: locator('id', integrationId), toolId: locator('id', toolId) }) as INodeParameters;

describe('Integration Tool → Delete', () => {
	test('DELETE …/tool/{id}; outputs { integration_id, id, deleted }; agents lose the tool, keep the others', async () => {
		server.state.agents[1].versions[1].config = {
			integrations: [{ integration_id: INTEGRATION_IDS.orders, integration_name: 'Orders', tool_ids: [INTEGRATION_IDS.orderStatus, INTEGRATION_IDS.bookCallback], requires_setup: false, source_integration_template_id: null }],
		};
		const result = await run(server, { parameters: remove(INTEGRATION_IDS.orders, INTEGRATION_IDS.orderStatus) });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/integration/${INTEGRATION_IDS.orders}/tool/${INTEGRATION_IDS.orderStatus}`]);
		expect(result.items).toEqual([{ json: { integration_id: INTEGRATION_IDS.orders, id: INTEGRATION_IDS.orderStatus, deleted: true }, pairedItem: { item: 0 } }]);
		const draft = server.state.agents.find((a) => a.agent_id === IDS.supportAgent)!.versions[1];
		expect((draft.config?.integrations as Array<{ tool_ids: string[] }>)[0].tool_ids).toEqual([INTEGRATION_IDS.bookCallback]);
	});

	test('an MCP tool: Diga’s 400 says where its tools are removed', async () => {
		const result = await run(server, { parameters: remove(INTEGRATION_IDS.calendar, INTEGRATION_IDS.listSlots) });
		expect(result.error).toMatchObject({ message: `Integration ${INTEGRATION_IDS.calendar} is an MCP integration: its tools are removed on its MCP server` });
	});

	test('a lost answer: sent again, and its 404 means the first one did it', async () => {
		server.fault({ method: 'DELETE', kind: 'reset', afterActing: true });
		const result = await run(server, { parameters: remove(INTEGRATION_IDS.orders, INTEGRATION_IDS.orderStatus) });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('DELETE')).toHaveLength(2);
		expect(result.items[0].json).toEqual({ integration_id: INTEGRATION_IDS.orders, id: INTEGRATION_IDS.orderStatus, deleted: true });
	});
});
