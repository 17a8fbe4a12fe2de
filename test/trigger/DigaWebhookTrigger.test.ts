import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import { WebhookHarness } from '../../dev/engine/runWebhook';
import { makeCall, pythonTime } from '../../dev/diga-server/fixtures';
import { DigaWebhookTrigger } from '../../nodes/Diga/DigaWebhookTrigger.node';
import { TEST_API_KEY, useDigaServer } from '../helpers';

const server = useDigaServer();
let serial = 0;
let harnesses: WebhookHarness[] = [];

async function harness(parameters: INodeParameters = { event: 'callFinished' }, staticData?: IDataObject, restartOf?: WebhookHarness): Promise<WebhookHarness> {
	const port = restartOf?.port;
	if (restartOf) await restartOf.stop();
	const h = new WebhookHarness({
		workflowId: restartOf?.workflowId,
		trigger: new DigaWebhookTrigger(),
		credential: new DigaApi(),
		parameters,
		credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
		staticData,
	});
	await h.start(port);
	harnesses.push(h);
	return h;
}
afterEach(async () => {
	for (const h of harnesses) if (h !== undefined) await h.stop().catch(() => undefined);
	harnesses = [];
});

/** A new call on Diga, dialing (Diga delivers `status_changed` to its webhooks). */
function dial(): string {
	const id = `e5000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
	server.addCall(makeCall(id, pythonTime(Date.now(), false), { status: 'dialing' }));
	return id;
}
async function settle(h: WebhookHarness): Promise<void> {
	await server.deliveries.settled();
	await h.settled();
}
const webhooks = () => server.state.webhooks.map((w) => ({ url: w.url, events: w.subscribed_events }));
const firedIds = (h: WebhookHarness) => h.executions.flatMap((e) => e.items.map((item) => item.json.id));

describe('Diga Instant Trigger: the webhook it registers (Diga\'s webhooks listed after each step)', () => {
	test('activate → one webhook for status_changed at the production URL; restart → the same one; deactivate → none', async () => {
		const h = await harness();
		await h.activate();
		expect(webhooks()).toEqual([{ url: h.url, events: ['status_changed'] }]);
		const [registered] = server.state.webhooks;
		expect(h.nodeStaticData.webhookId).toBe(registered.id);
		expect(h.nodeStaticData.webhookSecret).toBe(registered.secret);

		const restarted = await harness({ event: 'callFinished' }, h.savedStaticData, h);
		const posts = server.requestsTo('POST', '/v1/webhook').length;
		await restarted.activate('init');
		expect(server.requestsTo('POST', '/v1/webhook')).toHaveLength(posts);
		expect(server.state.webhooks.map((w) => w.id)).toEqual([registered.id]);

		await restarted.deactivate();
		expect(webhooks()).toEqual([]);
		expect(restarted.nodeStaticData.webhookId).toBeUndefined();
		expect(restarted.nodeStaticData.webhookSecret).toBeUndefined();
	});

	test('deactivate when Diga has already deleted the webhook: fine, nothing left', async () => {
		const h = await harness();
		await h.activate();
		server.state.webhooks = [];
		await h.deactivate();
		expect(webhooks()).toEqual([]);
	});

	test('restart with the secret lost: the old webhook is deleted and one registered afresh', async () => {
		const h = await harness();
		await h.activate();
		const old = server.state.webhooks[0].id;
		const { webhookSecret: _lost, ...withoutSecret } = h.nodeStaticData;
		const restarted = await harness({ event: 'callFinished' }, { 'node:Diga Instant Trigger': withoutSecret }, h);
		await restarted.activate('init');
		expect(webhooks()).toEqual([{ url: restarted.url, events: ['status_changed'] }]);
		expect(server.state.webhooks[0].id).not.toBe(old);
		expect(restarted.nodeStaticData.webhookSecret).toBe(server.state.webhooks[0].secret);
	});

	test('listen for a test event, then cancel: the test URL is registered meanwhile, nothing is left, the production state is untouched', async () => {
		const h = await harness();
		await h.listenForTestEvent();
		expect(webhooks()).toEqual([{ url: h.testUrl, events: ['status_changed'] }]);
		await h.stopListening();
		expect(webhooks()).toEqual([]);
		expect(h.savedStaticData).toEqual({});
	});

	test('any sequence of activate, test, restart, deactivate leaves at most its own webhook and finally none', async () => {
		const h = await harness();
		await h.activate();
		await h.listenForTestEvent();
		expect(webhooks().map((w) => w.url).sort()).toEqual([h.testUrl, h.url].sort());
		await h.stopListening();
		await h.activate('update');
		expect(webhooks()).toEqual([{ url: h.url, events: ['status_changed'] }]);
		await h.deactivate();
		await h.activate();
		expect(webhooks()).toEqual([{ url: h.url, events: ['status_changed'] }]);
		await h.deactivate();
		await h.deactivate();
		expect(webhooks()).toEqual([]);
	});

	test('the secret never reaches an item', async () => {
		const h = await harness({ event: 'statusChanged' });
		await h.activate();
		dial();
		await settle(h);
		expect(JSON.stringify(h.executions)).not.toContain(server.state.webhooks[0].secret);
	});
});

describe('Diga Instant Trigger: deliveries are hints, each (call, event) fires once', () => {
	test('a call ends → one execution with the call exactly as GET /v1/call/{id} answers; one request per delivery', async () => {
		const h = await harness();
		await h.activate();
		const id = dial();
		server.setCallStatus(id, 'in_progress');
		await settle(h);
		expect(h.executions).toHaveLength(0);
		const before = server.requests.length;
		const ended = server.setCallStatus(id, 'completed');
		await settle(h);
		expect(h.executions.map((e) => e.items.map((i) => i.json))).toEqual([[ended]]);
		expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/call/${id}`]);
	});

	test('Status Changed: one item per status; New Call: one item per call', async () => {
		const status = await harness({ event: 'statusChanged' });
		const created = await harness({ event: 'newCall' });
		await status.activate();
		await created.activate();
		const id = dial();
		await settle(status);
		server.setCallStatus(id, 'in_progress');
		await settle(status);
		server.setCallStatus(id, 'completed');
		await settle(status);
		await settle(created);
		expect(status.executions.map((e) => e.items[0].json.status)).toEqual(['dialing', 'in_progress', 'completed']);
		expect(firedIds(created)).toEqual([id]);
	});

	test('a repeated delivery, and one held back and delivered after later ones: nothing extra', async () => {
		const h = await harness({ event: 'statusChanged' });
		await h.activate();
		const id = dial();
		await settle(h);
		server.deliveries.fault('hold');
		server.setCallStatus(id, 'in_progress');
		server.deliveries.fault('repeat');
		server.setCallStatus(id, 'completed');
		await settle(h);
		server.deliveries.releaseHeld();
		await settle(h);
		// The in_progress status was never seen (the held delivery came after the end): the statuses seen fire once each.
		expect(h.executions.map((e) => e.items.map((i) => i.json.status))).toEqual([['dialing'], ['completed']]);
	});

	test('ten calls ending in the same second, delivered at once, then every delivery repeated: ten items, each once', async () => {
		const h = await harness();
		await h.activate();
		const ids = Array.from({ length: 10 }, () => dial());
		await settle(h);
		for (const id of ids) server.setCallStatus(id, 'completed');
		await settle(h);
		server.deliveries.fault(...ids.map(() => 'repeat' as const));
		for (const id of ids) server.deliveries.statusChanged(server.state.webhooks, { id, status: 'completed' });
		await settle(h);
		expect([...firedIds(h)].sort()).toEqual([...ids].sort());
	});

	test('a forged delivery (no call id, a wrong signature): one catch-up listing, nothing fires; a flood: look-ups bounded', async () => {
		const h = await harness();
		await h.activate();
		await new Promise((resolve) => setTimeout(resolve, 5));
		const before = server.requests.length;
		server.deliveries.forge(h.url, { hello: 'world' });
		await settle(h);
		expect(h.executions).toHaveLength(0);
		expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/call/']);

		const flood = server.requests.length;
		for (let i = 0; i < 200; i++) server.deliveries.forge(h.url, { call_id: `e6000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
		await settle(h);
		expect(h.executions).toHaveLength(0);
		// 120 look-ups a minute at most; beyond, deliveries become catch-ups, one per 30 s.
		expect(server.requests.length - flood).toBeLessThanOrEqual(121);
	});

	test('a lost delivery is caught up by a delivery without a call id; a restart in between changes nothing', async () => {
		const h = await harness();
		await h.activate();
		const lost = dial();
		const other = dial();
		await settle(h);
		server.deliveries.fault('lose');
		server.setCallStatus(lost, 'completed');
		await settle(h);
		expect(h.executions).toHaveLength(0);
		const restarted = await harness({ event: 'callFinished' }, h.savedStaticData, h);
		await restarted.activate('init');
		server.setCallStatus(other, 'completed');
		await settle(restarted);
		expect([...firedIds(restarted)].sort()).toEqual([lost, other].sort());
		server.deliveries.forge(restarted.url, {});
		await settle(restarted);
		expect(firedIds(restarted)).toHaveLength(2);
	});

	test('a restart within 30 s of a catch-up: the catch-up it owes waits, the call a delivery names is looked up and fires at once', async () => {
		const h = await harness();
		await h.activate();
		const id = dial();
		await settle(h);
		server.deliveries.forge(h.url, {});
		await settle(h);
		const restarted = await harness({ event: 'callFinished' }, h.savedStaticData, h);
		await restarted.activate('init');
		const before = server.requests.length;
		server.setCallStatus(id, 'completed');
		await settle(restarted);
		expect(firedIds(restarted)).toEqual([id]);
		expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/call/${id}`]);
	});

	test('filters: a call on another direction fires nothing', async () => {
		const h = await harness({ event: 'callFinished', filters: { direction: 'outbound' } });
		await h.activate();
		const id = dial();
		server.setCallStatus(id, 'completed');
		await settle(h);
		expect(h.executions).toHaveLength(0);
	});

	test('listening for a test event: the call of the delivery, the production state untouched', async () => {
		const h = await harness({ event: 'newCall' });
		await h.listenForTestEvent();
		const id = dial();
		await settle(h);
		expect(firedIds(h)).toEqual([id]);
		await h.stopListening();
		expect(webhooks()).toEqual([]);
		expect(h.savedStaticData).toEqual({});
	});
});
