/**
 * One tool name per agent: activation refuses, before any write, an agent whose draft has another
 * tool of this name (a copied workflow that kept its Tool Name, or a tool a person made). At a
 * restart of n8n nobody is there to rename it: the tool is assigned as before and n8n's log says so.
 */
import { IDS, locator, useDigaServer } from '../helpers';
import { digaView, orderTool, ToolHarnesses, useWarningsAndHarnesses } from './harness';

const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
const warnings = useWarningsAndHarnesses(harnesses);
const { assignmentsOf, integrations, writes } = digaView(server);

describe('Diga Agent Tool Trigger: one tool name per agent', () => {
	test('a copy of the workflow that kept the Tool Name: refused before any write, naming the agent and the other integration', async () => {
		const original = await harnesses.start(orderTool());
		await original.activate();
		const [theirs] = server.state.integrations;
		const copy = await harnesses.start(orderTool(), { workflowId: 'copy-of-original' });
		server.requests = [];
		await expect(copy.activate()).rejects.toThrow(`Agent ${IDS.supportAgent} already has a tool called "look_up_order", from integration "${theirs.name}" (${theirs.id})`);
		expect(writes()).toEqual([]);
		expect(integrations()).toEqual([{ base_url: theirs.base_url, tools: ['look_up_order'] }]);
	});

	test('renamed, the copy gets its tool beside the original\'s', async () => {
		await (await harnesses.start(orderTool())).activate();
		await (await harnesses.start(orderTool({ toolName: 'look_up_order_2' }), { workflowId: 'copy-of-original' })).activate();
		expect(assignmentsOf(IDS.supportAgent)).toHaveLength(2);
		expect(warnings).toEqual([]);
	});

	test('at a restart of n8n (nobody there to rename it): assigned as before this check, and n8n\'s log names the other integration', async () => {
		await (await harnesses.start(orderTool())).activate();
		const [theirs] = server.state.integrations;
		await (await harnesses.start(orderTool(), { workflowId: 'copy-of-original' })).activate('init');
		expect(assignmentsOf(IDS.supportAgent)).toHaveLength(2);
		expect(warnings).toEqual([expect.stringContaining(`agent ${IDS.supportAgent} already has a tool called "look_up_order", from integration "${theirs.name}"`)]);
	});

	test('its own integration at n8n\'s former address (WEBHOOK_URL changed, or another n8n holding this workflow): a person is told so and to delete it if stale', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [old] = server.state.integrations;
		old.base_url = old.base_url!.replace(/^http:\/\/[^/]+\//, 'https://old-n8n.example.com/');
		await h.stop();
		const again = await harnesses.start(orderTool(), { workflowId: h.workflowId, staticData: h.savedStaticData });
		await expect(again.activate()).rejects.toThrow(`Agent ${IDS.supportAgent} already has a tool called "look_up_order", from integration "${old.name}" (${old.id}) at ${old.base_url}, made by this workflow when n8n had that address or by another n8n holding it (delete it in Diga if it is stale)`);
	});

	test('two chosen agents with the same other integration: its tools are listed once per activation', async () => {
		const both = { agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }, { agentId: locator('list', IDS.supportAgent) }] } };
		await (await harnesses.start(orderTool(both))).activate();
		const [theirs] = server.state.integrations;
		server.requests = [];
		await (await harnesses.start(orderTool({ ...both, toolName: 'look_up_order_2' }), { workflowId: 'copy-of-original' })).activate();
		expect(server.requests.filter((r) => r.method === 'GET' && r.path === `/v1/integration/${theirs.id}/tool`)).toHaveLength(1);
		expect(assignmentsOf(IDS.nightAgent)).toHaveLength(2);
	});
});
