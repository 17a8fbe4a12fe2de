import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { INTEGRATION_IDS, seedIntegrations } from '../../../dev/diga-server/integrationFixtures';
import { route } from '../../../dev/diga-server/routes';
import { IDS, locator, run, useDigaServer } from '../../helpers';

/**
 * Agent → Update's Integration Tools: Diga's `integrations` replaces every assignment of the draft,
 * so the node reads the draft first and writes back the list with only the asked change.
 */
const server = useDigaServer();

const { orders, calendar, orderStatus, bookCallback, listSlots } = INTEGRATION_IDS;
const assigned = (integration_id: string, integration_name: string, tool_ids: string[]) => ({ integration_id, integration_name, tool_ids, requires_setup: false, source_integration_template_id: null });
/** What someone else gave the support agent's draft: a calendar tool (MCP) and one order tool. */
const OTHERS = [assigned(calendar, 'Calendar', [listSlots]), assigned(orders, 'Orders', [bookCallback])];

beforeEach(() => {
	server.state.integrations = seedIntegrations();
	const draft = server.state.agents[1].versions[1];
	draft.config = { ...draft.config, integrations: OTHERS.map((entry) => ({ ...entry, tool_ids: [...entry.tool_ids] })) };
});

const tool = (integrationId: string, toolId: string) => ({ integrationId: locator('list', integrationId), toolId: locator('list', toolId) });
const update = (integrationTools: IDataObject, rest: IDataObject = {}) =>
	({ resource: 'agent', operation: 'update', agentId: locator('id', IDS.supportAgent), updateFields: {}, integrationTools, ...rest }) as INodeParameters;
const calls = () => server.requests.map((r) => `${r.method} ${r.path}`);
const patchBodies = () => server.requestsTo('PATCH').map((r) => r.body);
const draftAssignments = () => server.state.agents[1].versions[1].config?.integrations;

describe('Agent → Update: Integration Tools keep every other assignment', () => {
	test('adding a tool: the draft is read, then written with the others and the new one', async () => {
		const result = await run(server, { parameters: update({ add: [tool(orders, orderStatus)] }) });
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /v1/agent/${IDS.supportAgent}`, `PATCH /v1/agent/${IDS.supportAgent}`]);
		expect(patchBodies()).toEqual([{ integrations: [{ integration_id: calendar, tool_ids: [listSlots] }, { integration_id: orders, tool_ids: [bookCallback, orderStatus] }] }]);
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ agent_id: IDS.supportAgent, is_draft: true, integrations: [OTHERS[0], assigned(orders, 'Orders', [bookCallback, orderStatus])] }), pairedItem: { item: 0 } },
		]);
	});

	test('removing a tool: its integration goes when none of its tools is left; the calendar stays', async () => {
		await run(server, { parameters: update({ remove: [tool(orders, bookCallback)] }) });
		expect(patchBodies()).toEqual([{ integrations: [{ integration_id: calendar, tool_ids: [listSlots] }] }]);
		expect(draftAssignments()).toEqual([OTHERS[0]]);
	});

	test('with draft fields: one PATCH carries both', async () => {
		await run(server, { parameters: update({ add: [tool(orders, orderStatus)] }, { updateFields: { greeting: 'Hola' } }) });
		expect(patchBodies()).toEqual([{ greeting: 'Hola', integrations: [{ integration_id: calendar, tool_ids: [listSlots] }, { integration_id: orders, tool_ids: [bookCallback, orderStatus] }] }]);
	});

	test('already as asked: read, nothing written; with draft fields only those are sent', async () => {
		const same = await run(server, { parameters: update({ add: [tool(orders, bookCallback)], remove: [tool(orders, orderStatus)] }) });
		expect(calls()).toEqual([`GET /v1/agent/${IDS.supportAgent}`]);
		expect(same.items[0].json.integrations).toEqual(OTHERS);
		await run(server, { parameters: update({ add: [tool(orders, bookCallback)] }, { updateFields: { greeting: 'Hola' } }) });
		expect(patchBodies()).toEqual([{ greeting: 'Hola' }]);
	});

	test('two items naming the same agent, run at once: each keeps the other’s tool', async () => {
		const result = await run(server, {
			parameters: update({ add: [{ integrationId: locator('id', '={{ $json.integration }}'), toolId: locator('id', '={{ $json.tool }}') }] }),
			items: [
				{ integration: orders, tool: orderStatus },
				{ integration: calendar, tool: listSlots.toUpperCase() },
				{ integration: orders, tool: orderStatus },
			],
		});
		expect(result.error).toBeUndefined();
		expect(draftAssignments()).toEqual([OTHERS[0], assigned(orders, 'Orders', [bookCallback, orderStatus])]);
		// The second and third items found their tool already there: no write.
		expect(patchBodies()).toHaveLength(1);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Include Previous Values: the draft as read, at no extra request', async () => {
		const result = await run(server, { parameters: update({ remove: [tool(calendar, listSlots)] }, { includePreviousValues: true }) });
		expect(calls()).toEqual([`GET /v1/agent/${IDS.supportAgent}`, `PATCH /v1/agent/${IDS.supportAgent}`]);
		expect((result.items[0].json.previous as IDataObject).integrations).toEqual(OTHERS);
		expect(result.items[0].json.integrations).toEqual([OTHERS[1]]);
	});

	test('an answer that does not list the agent’s integrations: nothing is written (it would remove them)', async () => {
		server.fault({
			kind: 'computed',
			method: 'GET',
			path: /^\/v1\/agent\//,
			status: 200,
			compute: (request) => {
				const { integrations: _dropped, ...agent } = route(server.state, request.method, request.path, request.query, undefined).body as IDataObject;
				return agent;
			},
		});
		const result = await run(server, { parameters: update({ add: [tool(orders, orderStatus)] }) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: `Diga's answer for agent ${IDS.supportAgent} does not list its integrations, so none were changed` });
		expect(server.requestsTo('PATCH')).toHaveLength(0);
	});

	test('the same tool added and removed, or an integration an expression left empty: refused before any request', async () => {
		const both = await run(server, { parameters: update({ add: [tool(orders, orderStatus)], remove: [tool(orders, orderStatus)] }) });
		expect(both.error).toMatchObject({ name: 'NodeOperationError', message: `Integration Tools: tool ${orderStatus} is both added and removed` });
		// An expression (or an AI agent) that gives nothing for the integration.
		const noIntegration = await run(server, { parameters: update({ add: [{ integrationId: locator('id', '={{ $json.none }}'), toolId: locator('id', orderStatus) }] }) });
		expect(noIntegration.error).toMatchObject({ name: 'NodeOperationError', message: 'Integration Tools → Add Tool 1: Integration is empty' });
		expect(server.requests).toHaveLength(0);
	});

	test('the whole list set by one expression: n8n drops it, so nothing is sent (never an empty list)', async () => {
		const result = await run(server, { parameters: update(`={{ { add: [{ integrationId: "${orders}", toolId: "${orderStatus}" }] } }}` as unknown as IDataObject) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'No field to update' });
		expect(server.requests).toHaveLength(0);
		expect(draftAssignments()).toEqual(OTHERS);
	});

	test('a lost answer to the PATCH: the same list is sent again (it sets the same assignments)', async () => {
		server.fault({ method: 'PATCH', status: 504, afterActing: true });
		const result = await run(server, { parameters: update({ add: [tool(orders, orderStatus)] }) });
		expect(result.error).toBeUndefined();
		expect(patchBodies()).toHaveLength(2);
		expect(patchBodies()[1]).toEqual(patchBodies()[0]);
		expect(draftAssignments()).toEqual([OTHERS[0], assigned(orders, 'Orders', [bookCallback, orderStatus])]);
	});

	test('a tool Diga does not have: its error, nothing changed', async () => {
		const missing = '11000000-9999-4000-8000-000000000999';
		const result = await run(server, { parameters: update({ add: [tool(orders, missing)] }) });
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(draftAssignments()).toEqual(OTHERS);
	});
});
