import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WebhookHarness } from '../../dev/engine/runWebhook';
import { PROOF_HEADER } from '../../nodes/Diga/trigger/toolSecret';
import { IDS, locator, TEST_API_KEY, useDigaServer } from '../helpers';
import { orderTool, ToolHarnesses } from './harness';

const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
afterEach(async () => await harnesses.stopAll());

const draftOf = (agentId: string) => server.state.agents.find((a) => a.agent_id === agentId)!.versions.find((v) => v.is_draft)!;
const assignmentsOf = (agentId: string) => ((draftOf(agentId).config?.integrations ?? []) as IDataObject[]).map((a) => ({ integration: a.integration_id, tools: a.tool_ids }));
const integrations = () => server.state.integrations.map((i) => ({ base_url: i.base_url, tools: i.tools.map((t) => t.name) }));
const writes = () => server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`);
const call = (args: Record<string, unknown>, version: 'draft' | 'published' = 'draft', agentId = IDS.supportAgent, toolName = 'look_up_order') =>
	server.agentCallsTool(agentId, toolName, { version, args });
const ORDER_ARGS = { order_number: 1042, region: 'north' };
const baseOf = (h: WebhookHarness, test = false) => (test ? h.testUrl : h.url).replace(/\/tool\/:region$/, '');

/** An integration and tool someone else gave the support agent, which the trigger must keep. */
async function someoneElsesTool(): Promise<{ integration: string; tool: string }> {
	const created = await fetch(`${server.baseUrl}/v1/integration`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'CRM', base_url: 'https://crm.example.com', integration_type: 'HTTP' }),
	}).then(async (r) => (await r.json()) as IDataObject);
	const tool = await fetch(`${server.baseUrl}/v1/integration/${created.id}/tool`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'crm_lookup', description: 'CRM', endpoint_path: '/lookup', method: 'GET' }),
	}).then(async (r) => (await r.json()) as IDataObject);
	await fetch(`${server.baseUrl}/v1/agent/${IDS.supportAgent}`, {
		method: 'PATCH',
		headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ integrations: [{ integration_id: created.id, tool_ids: [tool.id] }] }),
	});
	server.requests = [];
	return { integration: String(created.id), tool: String(tool.id) };
}

describe('Diga Agent Tool Trigger: what activation keeps in Diga (integrations, tools and the agent draft listed after each step)', () => {
	test('activate → one HTTP integration at the production URL, one tool as defined, on the draft beside the other tools; the agent calls it → one execution and its answer', async () => {
		const other = await someoneElsesTool();
		const h = await harnesses.start(orderTool());
		await h.activate();

		expect(integrations()).toEqual([{ base_url: 'https://crm.example.com', tools: ['crm_lookup'] }, { base_url: baseOf(h), tools: ['look_up_order'] }]);
		const [, mine] = server.state.integrations;
		expect(mine.integration_type).toBe('HTTP');
		const tool = mine.tools[0];
		expect(tool).toMatchObject({
			method: 'POST',
			endpoint_path: '/tool/{region}',
			description: "Looks up an order's status by its number.",
			timeout: 5,
			approval_required: false,
			pre_speech: 'auto',
			execution_audio: null,
			body: [{ name: 'order_number', data_type: 'integer', description: 'The order number', required: true, value_source: 'llm' }],
			query: [{ name: 'gift', data_type: 'boolean', required: false, value_source: 'llm' }],
			path: [{ name: 'region', required: true, value_source: 'llm' }],
		});
		expect(Object.keys(tool.type === 'HTTP' ? (tool.headers ?? {}) : {})).toEqual([PROOF_HEADER]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([
			{ integration: other.integration, tools: [other.tool] },
			{ integration: mine.id, tools: [tool.id] },
		]);

		const answer = await call(ORDER_ARGS);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ order_number: 1042, region: 'north', answered: true });
		expect(h.executions).toHaveLength(1);

		const before = server.requests.length;
		for (const proof of [null, 'not-the-secret']) {
			const refused = await server.agentCallsTool(IDS.supportAgent, 'look_up_order', { version: 'draft', args: ORDER_ARGS, headers: { [PROOF_HEADER]: proof } });
			expect(refused.status).toBe(401);
		}
		expect(h.executions).toHaveLength(1);
		expect(server.requests.length).toBe(before);
	});

	test('restart → the same integration and tool found, nothing written; still answered. Deactivate → nothing left, the other tool kept', async () => {
		const other = await someoneElsesTool();
		const h = await harnesses.start(orderTool());
		await h.activate();
		const ids = server.state.integrations.map((i) => [i.id, i.tools.map((t) => t.id)]);
		server.requests = [];

		const restarted = await harnesses.start(orderTool(), { restartOf: h });
		await restarted.activate('init');
		expect(writes()).toEqual([]);
		expect(server.state.integrations.map((i) => [i.id, i.tools.map((t) => t.id)])).toEqual(ids);
		expect((await call(ORDER_ARGS)).status).toBe(200);

		await restarted.deactivate();
		expect(integrations()).toEqual([{ base_url: 'https://crm.example.com', tools: ['crm_lookup'] }]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([{ integration: other.integration, tools: [other.tool] }]);
	});

	test('activation keeps only a hash of the proof (and the agent ids) in the static data; production calls are checked against it without reading the credential', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const tool = server.state.integrations[0].tools[0];
		const proof = tool.type === 'HTTP' ? tool.headers![PROOF_HEADER] : '';
		// And the agents it gave the tool to (ids: an agent removed from the list later loses the tool even when the deactivation failed).
		expect(h.nodeStaticData).toEqual({ agents: [IDS.supportAgent], proofHash: expect.any(String) });
		expect(JSON.stringify(h.savedStaticData)).not.toContain(proof);
		// The credential's key changes: a call still matches the hash activation kept (a derived proof would not).
		const credentials = (h as unknown as { options: { credentials: { apiKey: string } } }).options.credentials;
		credentials.apiKey = 'diga_rotated_key_1234';
		expect((await call(ORDER_ARGS)).status).toBe(200);
		credentials.apiKey = TEST_API_KEY;
		await h.deactivate();
		expect(h.nodeStaticData).toEqual({});
	});

	test('a changed definition → the tool is updated in place (same ids); another agent added → assigned there too', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [{ id, tools }] = server.state.integrations;
		server.requests = [];

		const changed = orderTool({
			toolDescription: 'Finds an order.',
			agents: { agent: [{ agentId: locator('list', IDS.supportAgent) }, { agentId: locator('id', IDS.nightAgent.toUpperCase()) }] },
			options: { timeout: 8, approvalRequired: true, executionAudio: 'typing', preSpeech: 'force' },
		});
		const restarted = await harnesses.start(changed, { restartOf: h });
		await restarted.activate('init');
		expect(writes()).toEqual(['PATCH /v1/integration/:id/tool/:id', 'PATCH /v1/agent/:id']);
		expect(server.state.integrations[0].id).toBe(id);
		expect(server.state.integrations[0].tools[0]).toMatchObject({ id: tools[0].id, description: 'Finds an order.', timeout: 8, approval_required: true, execution_audio: 'typing', pre_speech: 'force' });
		expect(assignmentsOf(IDS.nightAgent)).toEqual([{ integration: id, tools: [tools[0].id] }]);
	});

	test('Diga shows headers masked: a restart rewrites them (it cannot tell), and calls are still answered', async () => {
		server.state.integrationSecrets = 'masked';
		const h = await harnesses.start(orderTool());
		await h.activate();
		server.requests = [];
		const restarted = await harnesses.start(orderTool(), { restartOf: h });
		await restarted.activate('init');
		expect(writes()).toEqual(['PATCH /v1/integration/:id', 'PATCH /v1/integration/:id/tool/:id']);
		expect((await call(ORDER_ARGS)).status).toBe(200);
	});

	test('an agent deleted in Diga while active: deactivating still takes the tool off the other agent, then deletes the tool and the integration', async () => {
		const h = await harnesses.start(orderTool({ agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }, { agentId: locator('list', IDS.supportAgent) }] } }));
		await h.activate();
		server.state.agents = server.state.agents.filter((a) => a.agent_id !== IDS.nightAgent);
		server.requests = [];
		await h.deactivate();
		expect(writes()).toEqual(['PATCH /v1/agent/:id', 'DELETE /v1/integration/:id/tool/:id', 'DELETE /v1/integration/:id']);
		expect(integrations()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test('a failure half-way through deactivating (a 500 on one agent) does not stop the rest: the other agent, the tool and the integration are still removed, and deactivation reports the failure', async () => {
		const h = await harnesses.start(orderTool({ agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }, { agentId: locator('list', IDS.supportAgent) }] } }));
		await h.activate();
		server.fault({ status: 500, method: 'PATCH', path: new RegExp(`^/v1/agent/${IDS.nightAgent}$`), times: 1 });
		server.requests = [];
		await expect(h.deactivate()).rejects.toThrow();
		expect(integrations()).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([]);
	});

	test('a copy of the workflow at the same URL (an import keeps the webhook id), its tool renamed, makes its own integration; deactivating the copy leaves the original\'s', async () => {
		const original = await harnesses.start(orderTool());
		await original.activate();
		const port = original.port;
		await original.stop();
		const copy = await harnesses.start(orderTool({ toolName: 'look_up_order_2' }), { workflowId: 'copy-of-original' });
		await copy.stop();
		await copy.start(port);
		await copy.activate();
		expect(server.state.integrations.map((i) => i.base_url)).toEqual([baseOf(original), baseOf(original)]);
		await copy.deactivate();
		expect(integrations()).toEqual([{ base_url: baseOf(original), tools: ['look_up_order'] }]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([{ integration: server.state.integrations[0].id, tools: [server.state.integrations[0].tools[0].id] }]);
	});

	test('a second workflow with its own tool on the same agent: both assigned; deactivating one leaves the other answering', async () => {
		const first = await harnesses.start(orderTool());
		const second = await harnesses.start(orderTool({ toolName: 'book_callback', toolParameters: {} }));
		await first.activate();
		await second.activate();
		expect(assignmentsOf(IDS.supportAgent)).toHaveLength(2);
		await first.deactivate();
		expect(integrations()).toEqual([{ base_url: baseOf(second).replace(/\/tool$/, ''), tools: ['book_callback'] }]);
		expect((await call({}, 'draft', IDS.supportAgent, 'book_callback')).status).toBe(200);
	});

	test('a create whose answer was lost left a second integration: the next activation deletes it and keeps one', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [mine] = server.state.integrations;
		server.state.integrations.push({ ...mine, id: '0f000000-0000-4000-8000-000000000001', tools: [], created_at: new Date(Date.now() + 1000).toISOString() });
		const restarted = await harnesses.start(orderTool(), { restartOf: h });
		await restarted.activate('init');
		expect(server.state.integrations.map((i) => i.id)).toEqual([mine.id]);
	});

	test('an error from Diga that quotes the headers sent shows no proof in the error', async () => {
		const quoting = (request: { body: unknown }) => ({ status: 'error', error_code: 'BAD_PARAMETER', message: `Bad headers ${JSON.stringify((request.body as IDataObject).headers)}` });
		server.fault({ method: 'POST', path: /^\/v1\/integration\/[^/]+\/tool$/, kind: 'computed', status: 400, compute: quoting });
		const h = await harnesses.start(orderTool());
		const error = await h.activate().then(() => undefined, (e: unknown) => e as Error & { description?: string });
		expect(error).toBeDefined();
		const proof = server.requestsTo('POST', '/v1/integration').map((r) => (r.body as { headers: Record<string, string> }).headers[PROOF_HEADER])[0];
		expect(proof).toHaveLength(43);
		expect(JSON.stringify({ message: error!.message, description: error!.description, ...error })).not.toContain(proof);
	});

	test('the answer to creating the integration is lost after Diga made it (502): the repeat looks first and finds it; one integration', async () => {
		server.fault({ method: 'POST', path: /^\/v1\/integration$/, kind: 'reply', status: 502, afterActing: true });
		const h = await harnesses.start(orderTool());
		await h.activate().catch(() => undefined);
		await h.activate();
		expect(integrations()).toEqual([{ base_url: baseOf(h), tools: ['look_up_order'] }]);
		expect((await call(ORDER_ARGS)).status).toBe(200);
	});

	test('activation failing half-way (the tool refused): n8n then removes the webhook, and nothing is left', async () => {
		server.fault({ method: 'POST', path: /^\/v1\/integration\/[^/]+\/tool$/, kind: 'reply', status: 400, body: { status: 'error', error_code: 'BAD_PARAMETER', message: 'No' } });
		const h = await harnesses.start(orderTool());
		await expect(h.activate()).rejects.toThrow(/No/);
		expect(integrations()).toEqual([{ base_url: baseOf(h), tools: [] }]);
		await h.deactivate();
		expect(integrations()).toEqual([]);
	});

	test("an imported copy that brought the original's static data: once active, it answers its own proof only", async () => {
		const original = await harnesses.start(orderTool());
		await original.activate();
		const originalProof = (server.state.integrations[0].tools[0] as { headers: Record<string, string> }).headers[PROOF_HEADER];
		const copy = await harnesses.start(orderTool({ toolName: 'look_up_order_copy' }), { workflowId: 'imported-copy', staticData: original.savedStaticData });
		await copy.activate();
		const copyProof = (server.state.integrations[1].tools[0] as { headers: Record<string, string> }).headers[PROOF_HEADER];
		expect(copyProof).not.toBe(originalProof);
		const url = copy.url.replace(':region', 'north');
		const post = (proof: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [PROOF_HEADER]: proof }, body: '{"order_number":1}' }).then((r) => r.status);
		expect(await post(originalProof)).toBe(401);
		expect(await post(copyProof)).toBe(200);
	});

	test('deactivate after someone deleted the integration in Diga: fine, nothing left', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		server.state.integrations = [];
		await h.deactivate();
		expect(integrations()).toEqual([]);
	});

	test('Publish to Live Calls: activation launches and publishes a version with the tool, so a live call reaches it; deactivation publishes one without', async () => {
		const h = await harnesses.start(orderTool({ publish: true }));
		await h.activate();
		expect(writes()).toEqual(expect.arrayContaining(['POST /v1/agent/:id/version', 'PATCH /v1/agent/:id/published_version']));
		expect((await call(ORDER_ARGS, 'published')).status).toBe(200);
		await h.deactivate();
		await expect(call(ORDER_ARGS, 'published')).rejects.toThrow(/has 0 HTTP tools/);
	});

	test('without Publish to Live Calls, only the draft has the tool', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		expect(writes().filter((w) => w.includes('version'))).toEqual([]);
		await expect(call(ORDER_ARGS, 'published')).rejects.toThrow(/has 0 HTTP tools/);
	});

	test.each<[string, INodeParameters, RegExp]>([
		['no agent', { agents: {} }, /No agent chosen/],
		['a tool name with spaces', { toolName: 'look up' }, /Tool Name "look up" is not a valid name/],
		['two parameters with one name', { toolParameters: { parameter: [{ name: 'a' }, { name: 'a' }] } }, /Two parameters are called "a"/],
		['a parameter called request', { toolParameters: { parameter: [{ name: 'request' }] } }, /cannot be called "request"/],
		['an empty description', { toolDescription: ' ' }, /What the Tool Does is empty/],
		// n8n drops a whole list set by one expression before the node sees it: no agent, refused.
		['the agent list set by one expression', { agents: '={{ { agent: [] } }}' }, /No agent chosen/],
		['Respond With the Answer node, with none after the trigger (the agent would get no answer)', { respondWith: 'answerNode' }, /No Diga Agent Tool Answer node after this trigger/],
	])('activation refuses %s, naming the field, before any request', async (_name, change, message) => {
		const h = await harnesses.start(orderTool(change));
		await expect(h.activate()).rejects.toThrow(message);
		expect(writes()).toEqual([]);
	});

	test('Respond With the Answer node: activation goes ahead when one follows the trigger, also further down', async () => {
		const h = await harnesses.start(orderTool({ respondWith: 'answerNode' }), {
			followedBy: [
				{ name: 'Look up order', type: 'n8n-nodes-base.set' },
				{ name: 'Answer the Agent', type: 'n8n-nodes-diga.digaToolAnswer' },
			],
		});
		await h.activate();
		expect(server.state.integrations).toHaveLength(1);
	});
});
