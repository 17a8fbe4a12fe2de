import { IDS, locator, useDigaServer } from '../helpers';
import { digaView, orderTool, ToolHarnesses } from './harness';

/**
 * An agent removed from "Agents" while the workflow is active. Saving an active workflow makes n8n
 * (1.x on save, 2.x on publishing the new version) deactivate it with the parameters saved before,
 * then activate it with the new ones; when that deactivation fails, n8n logs it and activates anyway.
 */
const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
afterEach(async () => await harnesses.stopAll());
const { assignmentsOf, integrations } = digaView(server);

const ORDER_ARGS = { order_number: 1042, region: 'north' };
const call = (agentId: string) => server.agentCallsTool(agentId, 'look_up_order', { version: 'draft', args: ORDER_ARGS });
const BOTH = orderTool({ agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }, { agentId: locator('list', IDS.supportAgent) }] } });
const SUPPORT_ONLY = orderTool();

describe('Diga Agent Tool Trigger: an agent removed from the list while the workflow is active', () => {
	test("saved as n8n does it (deactivated with the old list, activated with the new): the removed agent loses the tool, the other keeps it; nothing left after deactivating", async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		await h.deactivate();
		const edited = await harnesses.start(SUPPORT_ONLY, { restartOf: h, staticData: h.savedStaticData });
		await edited.activate('update');

		expect(integrations()).toHaveLength(1);
		expect(assignmentsOf(IDS.nightAgent)).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
		await expect(call(IDS.nightAgent)).rejects.toThrow(/has 0 HTTP tools/);
		expect((await call(IDS.supportAgent)).status).toBe(200);

		await edited.deactivate();
		expect(integrations()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test('the deactivation with the old list failed (Diga refused to list integrations), and n8n activated the new list anyway: the removed agent loses the tool all the same', async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		server.fault({ method: 'GET', path: /^\/v1\/integration$/, status: 400, body: { status: 'error', error_code: 'BAD_REQUEST', message: 'Try again later' } });
		await expect(h.deactivate()).rejects.toThrow(/Try again later/);
		expect(assignmentsOf(IDS.nightAgent)).toHaveLength(1);

		const edited = await harnesses.start(SUPPORT_ONLY, { restartOf: h, staticData: h.savedStaticData });
		await edited.activate('update');
		expect(integrations()).toHaveLength(1);
		expect(assignmentsOf(IDS.nightAgent)).toEqual([]);
		await expect(call(IDS.nightAgent)).rejects.toThrow(/has 0 HTTP tools/);
		expect((await call(IDS.supportAgent)).status).toBe(200);
		await edited.deactivate();
		expect(integrations()).toEqual([]);
	});

	test('an agent removed from the list was deleted in Diga since: the activation goes on', async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		server.state.agents = server.state.agents.filter((a) => a.agent_id !== IDS.nightAgent);
		const edited = await harnesses.start(SUPPORT_ONLY, { restartOf: h, staticData: h.savedStaticData });
		await edited.activate('update');
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
	});

	test("an imported copy that brought the original's static data (its agents) and names another agent: the original's tool stays on the original's agent", async () => {
		const original = await harnesses.start(SUPPORT_ONLY);
		await original.activate();
		const [originals] = server.state.integrations;
		const copy = await harnesses.start(orderTool({ toolName: 'look_up_order_copy', agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }] } }), { workflowId: 'imported-copy', staticData: original.savedStaticData });
		await copy.activate();
		expect(assignmentsOf(IDS.supportAgent)).toEqual([originals.id]);
		await copy.deactivate();
		expect(assignmentsOf(IDS.supportAgent)).toEqual([originals.id]);
		expect((await call(IDS.supportAgent)).status).toBe(200);
	});
});
