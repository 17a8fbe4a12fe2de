import { isTwinUrl } from '../../nodes/Diga/trigger/toolRecords';
import { IDS, locator, useDigaServer } from '../helpers';
import { digaView, orderTool, ToolHarnesses, useWarningsAndHarnesses } from './harness';

/**
 * What the trigger takes for its own "twin" (its integration at its other URL in the same n8n:
 * production ↔ test) and what it does when removing leftovers fails. The same n8n is the same URL
 * up to n8n's webhook endpoint segment: another n8n on the same host under another path, holding
 * the same workflow (source control, CLI import), is left alone. Removing what is no longer wanted
 * (the tool on an agent no longer chosen, a leftover test tool) never fails an activation: it is
 * logged and tried again at the next one.
 */
const server = useDigaServer();
const harnesses = new ToolHarnesses(server);
const { assignmentsOf, writes } = digaView(server);
const warnings = useWarningsAndHarnesses(harnesses);

const OTHER = '0f000000-0000-4000-8000-000000000002';
const BOTH = orderTool({ agents: { agent: [{ agentId: locator('id', IDS.nightAgent) }, { agentId: locator('list', IDS.supportAgent) }] } });
const DIGA_500 = { status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Error: Internal Server Error' } };
/** The staging n8n's production integration: same ids, same host and port, another path prefix. */
const onStaging = (url: string) => url.replace(/\/webhook\//, '/staging/webhook/');

describe('Diga Agent Tool Trigger: another n8n on the same host is not its twin', () => {
	test('deactivating leaves the integration of another n8n under another path (/staging/…) holding the same workflow', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [mine] = server.state.integrations;
		server.state.integrations.push({ ...mine, id: OTHER, base_url: onStaging(mine.base_url!), tools: [] });
		await h.deactivate();
		expect(server.state.integrations.map((i) => i.id)).toEqual([OTHER]);
	});

	test("'Listen for test event' is not refused because another n8n under another path has the workflow active", async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [mine] = server.state.integrations;
		await h.deactivate();
		server.state.integrations.push({ ...mine, id: OTHER, base_url: onStaging(mine.base_url!), tools: [] });
		await expect(h.listenForTestEvent()).resolves.toBeUndefined();
		await h.stopListening();
		expect(server.state.integrations.map((i) => i.id)).toEqual([OTHER]);
	});
});

describe('Diga Agent Tool Trigger: removing leftovers that fails does not fail the activation', () => {
	test('a restart (init) after the agent list was edited, Diga answering 500 for the agent no longer chosen: the chosen agent keeps the tool, the other is tried again next time', async () => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		// Deactivation with the old list failed (so the static data still names the night agent), then the list was edited.
		server.fault({ method: 'GET', path: /^\/v1\/integration$/, status: 400, body: { status: 'error', error_code: 'BAD_REQUEST', message: 'Try again later' } });
		await expect(h.deactivate()).rejects.toThrow(/Try again later/);
		const edited = await harnesses.start(orderTool(), { restartOf: h, staticData: h.savedStaticData });
		server.fault({ times: 50, method: 'GET', path: new RegExp(`^/v1/agent/${IDS.nightAgent}$`), ...DIGA_500 });
		await expect(edited.activate('init')).resolves.toBeUndefined();
		const [integration] = server.state.integrations;
		expect(assignmentsOf(IDS.supportAgent)).toEqual([integration.id]);
		expect(warnings).toEqual([expect.stringContaining(`could not take the tool off agent ${IDS.nightAgent}'s draft`)]);

		// Diga answers again: the next activation takes the tool off the night agent.
		server.clearFaults();
		const again = await harnesses.start(orderTool(), { restartOf: edited, staticData: edited.savedStaticData });
		await again.activate('init');
		expect(assignmentsOf(IDS.nightAgent)).toEqual([]);
		expect(assignmentsOf(IDS.supportAgent)).toEqual([integration.id]);
	});

	test('activating while Diga answers 500 to deleting a leftover test integration: activation succeeds, the agent has the production tool, the next activation deletes the leftover', async () => {
		const h = await harnesses.start(orderTool());
		await h.activate();
		const [mine] = server.state.integrations;
		await h.deactivate();
		// A test tool left by an n8n that stopped listening without removing it.
		const test = { ...mine, id: OTHER, base_url: mine.base_url!.replace(/\/webhook\//, '/webhook-test/'), tools: [] };
		server.state.integrations.push(test);
		server.fault({ times: 50, method: 'DELETE', path: new RegExp(`^/v1/integration/${OTHER}$`), ...DIGA_500 });
		await expect(h.activate()).resolves.toBeUndefined();
		const production = server.state.integrations.find((i) => i.id !== OTHER)!;
		expect(assignmentsOf(IDS.supportAgent)).toEqual([production.id]);
		expect(warnings).toEqual([expect.stringContaining(`could not delete integration ${OTHER}`)]);

		server.clearFaults();
		await h.deactivate();
		await h.activate();
		expect(server.state.integrations.map((i) => i.id)).not.toContain(OTHER);
	});
});

describe('Diga Agent Tool Trigger: a person activating with a missing agent is refused before any write', () => {
	test.each([
		['a leftover test integration', (url: string) => url.replace(/\/webhook\//, '/webhook-test/')],
		['a second integration of its own (a create whose answer was lost)', (url: string) => url],
	])('with %s in Diga: refused, nothing written', async (_, urlOf) => {
		const h = await harnesses.start(BOTH);
		await h.activate();
		const [mine] = server.state.integrations;
		server.state.integrations.push({ ...mine, id: OTHER, base_url: urlOf(mine.base_url!), tools: [] });
		server.state.agents = server.state.agents.filter((a) => a.agent_id !== IDS.nightAgent);
		server.requests = [];
		await expect(h.activate('activate')).rejects.toThrow(`Agent ${IDS.nightAgent} is not in this Diga account`);
		expect(writes()).toEqual([]);
	});
});

describe('isTwinUrl: the same n8n is the same URL but for the webhook endpoint segment', () => {
	const ID = '5b0c3b4e-0000-4000-8000-000000000001';
	test.each([
		['production ↔ test at the root', `https://h/webhook/${ID}`, `https://h/webhook-test/${ID}`, true],
		['production ↔ test under a path', `https://h/prod/webhook/${ID}`, `https://h/prod/webhook-test/${ID}`, true],
		['endpoints renamed alike (N8N_ENDPOINT_WEBHOOK=hooks, _TEST=hooks-test)', `https://h/prod/hooks/${ID}`, `https://h/prod/hooks-test/${ID}`, true],
		['endpoints renamed otherwise (hooks, try): not taken for a twin', `https://h/prod/hooks/${ID}`, `https://h/prod/try/${ID}`, false],
		['another n8n routed on the endpoint segment (webhook-staging)', `https://h/webhook/${ID}`, `https://h/webhook-staging/${ID}`, false],
		['another n8n under another path', `https://h/prod/webhook/${ID}`, `https://h/staging/webhook-test/${ID}`, false],
		['another n8n under a path, this one at the root', `https://h/webhook/${ID}`, `https://h/staging/webhook/${ID}`, false],
		['this one under a path, another at the root', `https://h/staging/webhook/${ID}`, `https://h/webhook-test/${ID}`, false],
		['another port', `https://h/webhook/${ID}`, `https://h:8443/webhook-test/${ID}`, false],
		['another webhook id', `https://h/webhook/${ID}`, `https://h/webhook-test/${ID.replace('1', '2')}`, false],
		['its own URL', `https://h/webhook/${ID}`, `https://h/webhook/${ID}`, false],
	])('%s', (_, base, url, twin) => {
		expect(isTwinUrl(url, base)).toBe(twin);
	});
});
