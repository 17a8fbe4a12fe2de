import type { WebhookHarness } from '../../dev/engine/runWebhook';
import { IDS, useDigaServer } from '../helpers';
import { digaView, orderTool, ToolHarnesses } from './harness';

/**
 * "Listen for test event" next to the production tool. Both would be tools of one name on the
 * agent's draft (the test one at n8n's …/webhook-test/… URL): the model cannot tell them apart, and
 * a test call could run the production workflow. So the production tool wins: listening is refused
 * while Diga has it (nothing made), and activating takes the test tool off (made while listening,
 * or left behind by an n8n that stopped listening without removing it).
 */
const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
afterEach(async () => await harnesses.stopAll());
const { assignmentsOf, integrations, writes } = digaView(server);

const baseOf = (h: WebhookHarness, test = false) => (test ? h.testUrl : h.url).replace(/\/tool\/:region$/, '');
const ORDER_ARGS = { order_number: 1042, region: 'north' };
const call = () => server.agentCallsTool(IDS.supportAgent, 'look_up_order', { version: 'draft', args: ORDER_ARGS });

describe('Diga Agent Tool Trigger: "Listen for test event" and the production tool', () => {
	test('an inactive workflow: listening puts the test tool on the draft, the agent reaches it; when listening ends nothing is left', async () => {
		const h = await harnesses.start(orderTool());
		await h.listenForTestEvent();
		expect(integrations()).toEqual([{ base_url: baseOf(h, true), tools: ['look_up_order'] }]);
		expect(server.state.integrations[0].name).toMatch(/\(test\)$/);
		expect((await call()).status).toBe(200);
		await h.stopListening();
		expect(integrations()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test('an active workflow: listening is refused, saying why, and nothing is made; the agent still has one tool of that name, answered in production', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		server.requests = [];
		const error = await h.listenForTestEvent().then(() => undefined, (e: unknown) => e as Error & { description?: string });
		expect(error?.message).toBe('This workflow is active: the agents already have its tool "look_up_order"');
		expect(error?.description).toMatch(/deactivate the workflow/);
		await h.stopListening();
		expect(writes()).toEqual([]);
		expect(integrations()).toEqual([{ base_url: baseOf(h), tools: ['look_up_order'] }]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
		expect((await call()).status).toBe(200);
		expect(h.executions).toHaveLength(1);
	});

	test('activated while listening: the test tool is taken off and deleted, one tool of that name is left; listening ending then removes nothing of production', async () => {
		const h = await harnesses.start(orderTool());
		await h.listenForTestEvent();
		await h.activate();
		expect(integrations()).toEqual([{ base_url: baseOf(h), tools: ['look_up_order'] }]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
		await h.stopListening();
		expect(integrations()).toEqual([{ base_url: baseOf(h), tools: ['look_up_order'] }]);
		expect((await call()).status).toBe(200);
		await h.deactivate();
		expect(integrations()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test('n8n stopped listening without removing the test tool (it stopped, or crashed): the next activation removes it; so does the next listening once it ends', async () => {
		const h = await harnesses.start(orderTool());
		await h.listenForTestEvent();
		const restarted = await harnesses.start(orderTool(), { restartOf: h });
		await restarted.activate('init');
		expect(integrations()).toEqual([{ base_url: baseOf(restarted), tools: ['look_up_order'] }]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([server.state.integrations[0].id]);
		await restarted.deactivate();

		await restarted.listenForTestEvent();
		const crashed = await harnesses.start(orderTool(), { restartOf: restarted });
		await crashed.listenForTestEvent();
		expect(integrations()).toEqual([{ base_url: baseOf(crashed, true), tools: ['look_up_order'] }]);
		await crashed.stopListening();
		expect(integrations()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test("another workflow's or a copy's integration at another n8n (another host) is never taken for a test leftover", async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [mine] = server.state.integrations;
		server.state.integrations.push({ ...mine, id: '0f000000-0000-4000-8000-000000000002', base_url: mine.base_url!.replace('127.0.0.1', 'n8n-dev.example.com'), tools: [] });
		await h.deactivate();
		expect(server.state.integrations.map((i) => i.id)).toEqual(['0f000000-0000-4000-8000-000000000002']);
	});
});
