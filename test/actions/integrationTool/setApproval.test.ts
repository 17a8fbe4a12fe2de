import type { INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { locator, run, useDigaServer } from '../../helpers';

const server = useDigaServer();
beforeEach(() => {
	server.state.integrations = seedIntegrations();
});

const approval = (integrationId: string, toolId: string, approvalRequired: boolean) =>
	({ resource: 'integrationTool', operation: 'setApproval', integrationId: locator('id', integrationId), toolId: locator('list', toolId), approvalRequired }) as INodeParameters;

describe('Integration Tool → Set Approval', () => {
	test.each([
		['an HTTP tool', INTEGRATION_IDS.orders, INTEGRATION_IDS.orderStatus, 0],
		['an MCP tool', INTEGRATION_IDS.calendar, INTEGRATION_IDS.listSlots, 1],
	])('%s: PATCH …/tool-approval with the one tool; outputs what was set', async (_kind, integrationId, toolId, index) => {
		const result = await run(server, { parameters: approval(integrationId, toolId, true) });
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/integration/${integrationId}/tool-approval`, { tools: [{ tool_id: toolId, approval_required: true }] }]]);
		expect(result.items).toEqual([{ json: { integration_id: integrationId, tool_id: toolId, approval_required: true }, pairedItem: { item: 0 } }]);
		expect(server.state.integrations[index].tools.find((tool) => tool.id === toolId)?.approval_required).toBe(true);
	});

	test('as an AI Agent tool the model may say "True" as text: read as true, anything else refused before any request', async () => {
		const fromText = await run(server, { parameters: { ...approval(INTEGRATION_IDS.orders, INTEGRATION_IDS.orderStatus, true), approvalRequired: '={{ "True" }}' } as INodeParameters });
		expect(fromText.items[0].json.approval_required).toBe(true);
		const unclear = await run(server, { parameters: { ...approval(INTEGRATION_IDS.orders, INTEGRATION_IDS.orderStatus, true), approvalRequired: '={{ "yes" }}' } as INodeParameters });
		expect(unclear.error).toMatchObject({ name: 'NodeOperationError', message: 'Ask Before Running must be true or false' });
		expect(server.requests).toHaveLength(1);
	});

	test('an unknown tool is named with its integration', async () => {
		const missing = '11000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: approval(INTEGRATION_IDS.orders, missing, false) });
		expect(result.error).toMatchObject({ message: `Diga could not find tool ${missing} of integration ${INTEGRATION_IDS.orders}` });
	});
});
