import type { WorkflowActivateMode } from 'n8n-workflow';

import { IDS, locator, useDigaServer } from '../helpers';
import { digaView, orderTool, ToolHarnesses, useWarningsAndHarnesses } from './harness';

/**
 * A chosen agent that Diga no longer has (deleted in Diga while the workflow was active, or a
 * wrong id) when the workflow is activated. Someone who activates or saves is there to fix the
 * list: refused before any write, naming the agent. At a restart nobody is: the other agents keep
 * the tool (failing would make n8n remove it from all of them and leave the workflow inactive),
 * and n8n's log names the missing agent. None of the agents left: refused whatever the mode.
 */
const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
const { draftOf, assignmentsOf, writes } = digaView(server);
const warnings = useWarningsAndHarnesses(harnesses);

const ORDER_ARGS = { order_number: 1042, region: 'north' };
const BOTH = orderTool({ agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }, { agentId: locator('list', IDS.supportAgent) }] } });
const deleteInDiga = (agentId: string) => (server.state.agents = server.state.agents.filter((a) => a.agent_id !== agentId));

describe('Diga Agent Tool Trigger: a chosen agent Diga no longer has', () => {
	test('n8n restarts after the agent was deleted in Diga: the other agent keeps the tool and is answered; the log names the missing agent', async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		const [integration] = server.state.integrations;
		deleteInDiga(IDS.nightAgent);
		server.requests = [];

		const restarted = await harnesses.start(BOTH, { restartOf: h });
		await restarted.activate('init');
		expect(writes()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([integration.id]);
		expect((await server.agentCallsTool(IDS.supportAgent, 'look_up_order', { version: 'draft', args: ORDER_ARGS })).status).toBe(200);
		expect(warnings).toEqual([expect.stringContaining(`agent ${IDS.nightAgent} is not in this Diga account`)]);

		await restarted.deactivate();
		expect(server.state.integrations).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test('n8n restarts and the tool had been removed from the remaining agent meanwhile: it is put back there', async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		deleteInDiga(IDS.nightAgent);
		draftOf(IDS.supportAgent).config!.integrations = [];
		const restarted = await harnesses.start(BOTH, { restartOf: h });
		await restarted.activate('init');
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
	});

	test('n8n restarts a workflow whose integration is gone while one agent is missing: it is made, for the other agent', async () => {
		deleteInDiga(IDS.nightAgent);
		const h = await harnesses.start(BOTH);
		server.requests = [];
		await h.activate('init');
		expect(server.state.integrations).toHaveLength(1);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
		expect(warnings).toHaveLength(1);
	});

	test.each<WorkflowActivateMode>(['activate', 'update'])('activated by a person (%s) with one agent missing: refused naming it, before any write', async (mode) => {
		deleteInDiga(IDS.nightAgent);
		const h = await harnesses.start(BOTH);
		server.requests = [];
		const error = await h.activate(mode).then(() => undefined, (e: unknown) => e as Error & { description?: string });
		expect(error?.message).toBe(`Agent ${IDS.nightAgent} is not in this Diga account`);
		expect(error?.description).toMatch(/Remove it from "Agents"/);
		expect(writes()).toEqual([]);
	});

	test('re-activated by a person (the integration exists) with one agent missing: refused naming it, nothing written', async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		deleteInDiga(IDS.nightAgent);
		server.requests = [];
		await expect(h.activate('update')).rejects.toThrow(`Agent ${IDS.nightAgent} is not in this Diga account`);
		expect(writes()).toEqual([]);
	});

	test.each<WorkflowActivateMode>(['init', 'activate'])('no chosen agent left in Diga (%s): refused, naming them', async (mode) => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		deleteInDiga(IDS.nightAgent);
		deleteInDiga(IDS.supportAgent);
		const restarted = await harnesses.start(BOTH, { restartOf: h });
		await expect(restarted.activate(mode)).rejects.toThrow(`None of the chosen agents is in this Diga account: ${IDS.nightAgent}, ${IDS.supportAgent}`);
	});
});
