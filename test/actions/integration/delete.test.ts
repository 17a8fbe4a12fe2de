import type { INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { IDS, locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const remove = (id: string) => ({ resource: 'integration', operation: 'delete', integrationId: locator('id', id) }) as INodeParameters;

describe('Integration → Delete', () => {
	test('DELETE /v1/integration/{id}; outputs { id, deleted }; its tools go with it, from agents too', async () => {
		server.state.agents[1].versions[1].config = { integrations: [{ integration_id: INTEGRATION_IDS.orders, integration_name: 'Orders', tool_ids: [INTEGRATION_IDS.orderStatus], requires_setup: false, source_integration_template_id: null }] };
		const result = await run(server, { parameters: remove(INTEGRATION_IDS.orders) });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/integration/${INTEGRATION_IDS.orders}`]);
		expect(result.items).toEqual([{ json: { id: INTEGRATION_IDS.orders, deleted: true }, pairedItem: { item: 0 } }]);
		expect(server.state.integrations.map((i) => i.id)).toEqual([INTEGRATION_IDS.calendar]);
		expect(server.state.agents.find((a) => a.agent_id === IDS.supportAgent)?.versions[1].config?.integrations).toEqual([]);
	});

	test('a lost answer: the DELETE is sent again, and its 404 means the first one did it', async () => {
		server.fault({ method: 'DELETE', status: 504, afterActing: true });
		const result = await run(server, { parameters: remove(INTEGRATION_IDS.orders) });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('DELETE').map((r) => r.status)).toEqual([504, 404]);
		expect(result.items[0].json).toEqual({ id: INTEGRATION_IDS.orders, deleted: true });
	});

	test('an unknown integration is named', async () => {
		const missing = '10000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: remove(missing) });
		expect(result.error).toMatchObject({ message: `Diga could not find integration ${missing} in this account` });
	});
});
